import type { Readable, Writable } from 'node:stream';
import type { Logger, McpServerLike } from '@mcpctl/kernel';
import { InFlight } from './in-flight.js';
import { asKernelTransport } from './sdk-transport.js';

export interface StdioServeOptions {
  server: McpServerLike;
  signal: AbortSignal;
  shutdownTimeoutMs: number;
  logger: Logger;
  onReady(): Promise<void>;
  /** Default: the process's stdin and stdout. */
  stdin?: Readable;
  stdout?: Writable;
}

/**
 * Serve one server over stdin/stdout until stdin ends or a signal arrives.
 * Nothing but protocol goes to stdout. On a signal, calls already received
 * get up to the shutdown timeout to answer.
 */
export async function serveStdio(options: StdioServeOptions): Promise<string> {
  const { StdioServerTransport } = await import('@modelcontextprotocol/sdk/server/stdio.js');
  const stdin = options.stdin ?? process.stdin;
  const transport = asKernelTransport(new StdioServerTransport(stdin, options.stdout ?? process.stdout));
  const inFlight = new InFlight();
  let stop: (reason: string) => void = () => undefined;
  const stopped = new Promise<string>((resolve) => {
    stop = resolve;
  });

  await options.server.connect(transport);
  inFlight.watch(transport);
  const onclose = transport.onclose;
  transport.onclose = () => {
    onclose?.();
    stop('transport closed');
  };
  const onEnd = () => stop('stdin closed');
  stdin.once('end', onEnd);
  const onAbort = () => stop('signal');
  if (options.signal.aborted) onAbort();
  else options.signal.addEventListener('abort', onAbort, { once: true });
  await options.onReady();

  const reason = await stopped;
  stdin.off('end', onEnd);
  options.signal.removeEventListener('abort', onAbort);
  if (inFlight.count > 0) {
    options.logger.info({ inFlight: inFlight.count }, 'waiting for in-flight calls');
    if (!(await inFlight.drain(options.shutdownTimeoutMs))) options.logger.warn({ inFlight: inFlight.count }, 'shutdown timeout: closing with calls still running');
  }
  await options.server.close();
  return reason;
}
