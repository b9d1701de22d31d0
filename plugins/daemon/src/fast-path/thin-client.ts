import { existsSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { isatty } from 'node:tty';
import { resolveDaemonPaths } from '../paths.js';
// The one-module entry: the thin client runs on every remotable command's start.
import { LineDecoder } from '@mcpctl/toolkit/line-decoder';
import {
  CANCEL_NOTIFICATION,
  DAEMON_PROTOCOL_VERSION,
  EXEC_METHOD,
  EXEC_STDERR,
  EXEC_STDIN,
  EXEC_STDIN_END,
  EXEC_STDIN_WANTED,
  EXEC_STDOUT,
  MAX_LINE_BYTES,
} from '../rpc/protocol.js';

const CONNECT_TIMEOUT_MS = 1000;
const EXEC_ID = 1;
/** Exit code after a second Ctrl-C (ExitCode.INTERRUPTED; the kernel is not loaded here). */
const INTERRUPTED = 130;
const FAILURE = 1;

/**
 * Send the invocation to the daemon and relay its output. Imports nothing
 * but Node built-ins and the socket protocol, so a warm call costs little
 * more than starting Node. Resolves to undefined, having printed nothing,
 * whenever the caller should run the command itself.
 */
export async function execInDaemon(argv: string[], version: string): Promise<number | undefined> {
  const { socket: socketPath } = resolveDaemonPaths(process.env);
  if (!existsSync(socketPath)) return undefined;
  const socket = await connectQuietly(socketPath);
  if (!socket) return undefined;
  return relay(socket, argv, version);
}

function connectQuietly(path: string): Promise<Socket | undefined> {
  return new Promise((resolve) => {
    const socket = connect(path);
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(undefined);
    }, CONNECT_TIMEOUT_MS);
    socket.once('error', () => {
      clearTimeout(timer);
      resolve(undefined);
    });
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      resolve(socket);
    });
  });
}

function relay(socket: Socket, argv: string[], version: string): Promise<number | undefined> {
  const send = (message: Record<string, unknown>): void => {
    if (!socket.destroyed) socket.write(`${JSON.stringify({ jsonrpc: '2.0', ...message, protocol: DAEMON_PROTOCOL_VERSION })}\n`);
  };
  return new Promise((resolve) => {
    let printed = false;
    let settled = false;
    let readingStdin = false;
    let interrupts = 0;
    const onSignal = (): void => {
      interrupts += 1;
      if (interrupts > 1) process.exit(INTERRUPTED);
      send({ method: CANCEL_NOTIFICATION, params: { id: EXEC_ID } });
    };
    const settle = (code: number | undefined): void => {
      if (settled) return;
      settled = true;
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      if (readingStdin) process.stdin.pause();
      socket.destroy();
      resolve(code);
    };
    const fail = (message: string): void => {
      // Nothing printed yet: the command may simply run here instead. Otherwise it may have
      // reached the server, so it is not run twice.
      if (!printed) return settle(undefined);
      reportBrokenRun(argv, message);
      settle(FAILURE);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);

    const decoder = new LineDecoder(MAX_LINE_BYTES);
    socket.on('data', (chunk: Buffer) => {
      let lines: string[];
      try {
        lines = decoder.push(chunk);
      } catch (error) {
        return fail((error as Error).message);
      }
      for (const line of lines) {
        let message: Record<string, unknown>;
        try {
          message = JSON.parse(line) as Record<string, unknown>;
        } catch {
          return fail('the daemon sent a line that is not JSON');
        }
        handle(message);
      }
    });
    socket.on('error', (error) => fail(`socket error: ${error.message}`));
    socket.on('close', () => fail('the daemon closed the connection while running the command'));

    function handle(message: Record<string, unknown>): void {
      const params = (message.params ?? {}) as Record<string, unknown>;
      if (message.method === EXEC_STDOUT || message.method === EXEC_STDERR) {
        if (typeof params.data !== 'string') return;
        printed = true;
        (message.method === EXEC_STDOUT ? process.stdout : process.stderr).write(Buffer.from(params.data, 'base64'));
      } else if (message.method === EXEC_STDIN_WANTED && !readingStdin) {
        readingStdin = true;
        process.stdin.on('data', (chunk: Buffer) => send({ method: EXEC_STDIN, params: { id: EXEC_ID, data: chunk.toString('base64') } }));
        process.stdin.once('end', () => send({ method: EXEC_STDIN_END, params: { id: EXEC_ID } }));
      } else if (message.id === EXEC_ID) {
        const result = message.result as { ran?: unknown; exitCode?: unknown } | undefined;
        // An error answer (an older daemon without `exec`, a bad request) or a refusal: run it here.
        if (!result || result.ran !== true || typeof result.exitCode !== 'number') return fail('the daemon did not run the command');
        settle(result.exitCode);
      }
    }

    send({
      id: EXEC_ID,
      method: EXEC_METHOD,
      params: {
        argv,
        cwd: process.cwd(),
        env: stringEnv(process.env),
        version,
        // isatty, not process.stdin.isTTY: touching process.stdin opens it.
        tty: {
          stdin: isatty(0),
          stdout: isatty(1),
          stderr: isatty(2),
          ...(isatty(1) && process.stdout.columns ? { columns: process.stdout.columns } : {}),
        },
      },
    });
  });
}

function stringEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) if (value !== undefined) out[key] = value;
  return out;
}

/** The CLI's error format (or its --json shape), for the one failure the daemon cannot report itself. */
function reportBrokenRun(argv: string[], message: string): void {
  const code = 'MCPCTL_DAEMON_PROTOCOL';
  const hint = 'The daemon stopped answering mid-command; check `mcpctl daemon status`, and run with --no-daemon meanwhile.';
  if (argv.includes('--json')) process.stdout.write(`${JSON.stringify({ code, message, hint }, null, 2)}\n`);
  else process.stderr.write(`error ${code}: ${message}\n  hint: ${hint}\n`);
}
