import type { Logger, McpTransport, ServerEntry } from '@mcpctl/kernel';
import { StreamTransport } from '@mcpctl/toolkit/json-lines';
import { spawnGroup, type ExitInfo, type SpawnSpec } from '@mcpctl/toolkit/process';
import type { RotatingLog } from './rotating-log.js';
import { WarmSession } from './warm-session.js';

/** One run of a server: a spawned child, or a connection to a server the daemon does not run. */
export interface Instance {
  pid?: number;
  /** The initialized warm session; rejects when it could not start or initialize. */
  ready: Promise<WarmSession>;
  /** Resolves when this run has ended (never rejects). */
  exited: Promise<ExitInfo>;
  stop(graceMs: number, reason?: string): Promise<ExitInfo>;
}

export interface InstanceOptions {
  /** The server's name (messages, logs). */
  name: string;
  startTimeoutMs: number;
  clientVersion: string;
  logger: Logger;
}

/**
 * Spawn the server as a process-group leader, its stderr into its rotating
 * log, and initialize a warm session over its stdio.
 */
export function spawnInstance(spec: SpawnSpec, log: RotatingLog, options: InstanceOptions): Instance {
  const child = spawnGroup(spec);
  log.note(`starting: ${spec.command} ${spec.args.join(' ')}`);
  child.stderr.on('data', (chunk: Buffer) => {
    try {
      log.write(chunk);
    } catch (error) {
      options.logger.warn({ server: options.name, err: error }, 'could not write the server log');
    }
  });
  // An error on the pipe (the child died mid-write) must not take the daemon down.
  child.stdout.on('error', () => undefined);
  const ready =
    child.pid === undefined
      ? child.exited.then((info) => Promise.reject(new Error(info.reason ?? 'spawn failed')))
      : WarmSession.connect(options.name, new StreamTransport(child.stdout, child.stdin), {
          timeoutMs: options.startTimeoutMs,
          clientVersion: options.clientVersion,
        });
  ready.catch(() => undefined);
  return {
    ...(child.pid !== undefined ? { pid: child.pid } : {}),
    ready,
    exited: child.exited,
    stop: (graceMs, reason) => child.terminate(graceMs, reason),
  };
}

/**
 * Connect to a server mcpctl does not run (http, sse…) through the
 * transport the kernel builds, and initialize a warm session; the run ends
 * when the connection closes.
 */
export function connectInstance(entry: ServerEntry, connect: ((name: string, entry: ServerEntry, timeoutMs: number) => Promise<McpTransport>) | undefined, options: InstanceOptions): Instance {
  let settle!: (info: ExitInfo) => void;
  const exited = new Promise<ExitInfo>((resolve) => (settle = resolve));
  let stopReason: string | undefined;
  let session: WarmSession | undefined;
  const ready = (async () => {
    if (!connect) throw new Error(`no transport available for type "${entry.type}"`);
    const transport = await connect(options.name, entry, options.startTimeoutMs);
    session = await WarmSession.connect(options.name, transport, { timeoutMs: options.startTimeoutMs, clientVersion: options.clientVersion });
    void session.closed.then(() => settle({ code: null, signal: null, reason: stopReason ?? 'connection closed', at: Date.now() }));
    return session;
  })();
  ready.catch((error: unknown) => settle({ code: null, signal: null, reason: stopReason ?? `connect failed: ${messageOf(error)}`, at: Date.now() }));
  return {
    ready,
    exited,
    stop: async (_graceMs, reason) => {
      stopReason = reason;
      if (session) await session.close();
      else settle({ code: null, signal: null, ...(reason ? { reason } : {}), at: Date.now() });
      return exited;
    },
  };
}

/** "code 1, initialize failed" / "signal SIGTERM, stopped by request". */
export function describeExitInfo(info: ExitInfo): string {
  const parts = [info.signal ? `signal ${info.signal}` : `code ${info.code ?? '-'}`];
  if (info.reason) parts.push(info.reason);
  return parts.join(', ');
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
