import { Readable, Writable } from 'node:stream';
import type { ClientSession, InvocationOutcome, RunInvocation, SessionRequest } from '@mcpctl/kernel';
import { EXEC_STDERR, EXEC_STDIN, EXEC_STDIN_END, EXEC_STDIN_WANTED, EXEC_STDOUT, RpcErrorCode } from './rpc/protocol.js';
import { RpcError, type RpcCallContext, type RpcHandler } from './rpc/server.js';

/** What a thin client sends with `exec`. */
interface ExecRequest {
  argv: string[];
  cwd: string;
  env: Record<string, string>;
  /** The client's mcpctl version: another version runs the command itself. */
  version: string;
  tty: { stdin: boolean; stdout: boolean; stderr: boolean; columns?: number };
}

/**
 * The `exec` method: run a thin client's invocation in this warm process
 * through the CLI's `runInvocation`, with the client's argv, cwd and
 * environment, its output streamed back as notifications, its stdin pulled
 * on demand, and the daemon's warm sessions offered to it directly.
 * Answers `{ ran: true, exitCode }`, or `{ ran: false, reason }` when the
 * client must run it itself (nothing was printed then).
 */
export function createExecHandler(runner: ExecRunner, version: string, counts: ExecCounts): RpcHandler {
  return async (params, context) => {
    const outcome = await exec(runner, version, params, context);
    counts[outcome.ran ? 'ran' : 'declined'] += 1;
    return outcome;
  };
}

/** How the daemon runs an invocation: the CLI's entry, and its own warm sessions. */
export interface ExecRunner {
  runInvocation: RunInvocation;
  offerSession(request: SessionRequest, signal: AbortSignal): Promise<ClientSession | undefined>;
}

/** Invocations the daemon ran for thin clients, and those it handed back (`daemon status`). */
export interface ExecCounts {
  ran: number;
  declined: number;
}

async function exec(runner: ExecRunner, version: string, params: Record<string, unknown>, context: RpcCallContext): Promise<InvocationOutcome> {
  const request = parseExecRequest(params);
  if (request.version !== version) return { ran: false, reason: `the daemon runs mcpctl ${version}, the client ${request.version}` };
  let printed = false;
  const stdout = forwardingStream(EXEC_STDOUT, context, () => (printed = true), request.tty.stdout, request.tty.columns);
  const stderr = forwardingStream(EXEC_STDERR, context, () => (printed = true), request.tty.stderr);
  const stdin = pulledStdin(context, request.tty.stdin);
  try {
    const outcome = await runner.runInvocation(request.argv, { stdin, stdout, stderr }, {
      cwd: request.cwd,
      env: request.env,
      signal: context.signal,
      offerSession: (session) => runner.offerSession(session, context.signal),
    });
    if (!outcome.ran && printed) {
      // Too late to hand it back: the client has printed part of it already.
      stderr.write(`error MCPCTL_HOSTED_DECLINED: ${outcome.reason}\n  hint: run it again with --no-daemon\n`);
    }
    // Every chunk goes out before the answer.
    await Promise.all([finish(stdout), finish(stderr)]);
    return !outcome.ran && printed ? { ran: true, exitCode: 1 } : outcome;
  } finally {
    stdin.destroy();
  }
}

function forwardingStream(method: string, context: RpcCallContext, onChunk: () => void, isTTY: boolean, columns?: number): Writable & { isTTY: boolean; columns?: number } {
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      onChunk();
      context.notify(method, { id: context.id, data: chunk.toString('base64') });
      callback();
    },
  });
  return Object.assign(stream, { isTTY, ...(columns !== undefined ? { columns } : {}) });
}

/** Asks the client for its stdin only when the command first reads it. */
function pulledStdin(context: RpcCallContext, isTTY: boolean): Readable & { isTTY: boolean } {
  let asked = false;
  const stream = new Readable({
    read() {
      if (asked) return;
      asked = true;
      context.notify(EXEC_STDIN_WANTED, { id: context.id });
    },
  });
  context.onNotification((method, params) => {
    if (stream.destroyed) return;
    if (method === EXEC_STDIN && typeof params.data === 'string') stream.push(Buffer.from(params.data, 'base64'));
    else if (method === EXEC_STDIN_END) stream.push(null);
  });
  return Object.assign(stream, { isTTY });
}

function finish(stream: Writable): Promise<void> {
  return new Promise((resolve) => stream.end(resolve));
}

function parseExecRequest(params: Record<string, unknown>): ExecRequest {
  const { argv, cwd, env, version, tty } = params;
  const invalid = (what: string) => new RpcError(RpcErrorCode.INVALID_PARAMS, `exec: ${what}`);
  if (!Array.isArray(argv) || !argv.every((arg) => typeof arg === 'string')) throw invalid('"argv" must be an array of strings');
  if (typeof cwd !== 'string' || cwd === '') throw invalid('"cwd" must be a non-empty string');
  if (typeof env !== 'object' || env === null || Array.isArray(env) || !Object.values(env).every((value) => typeof value === 'string')) {
    throw invalid('"env" must be an object of strings');
  }
  if (typeof version !== 'string') throw invalid('"version" must be a string');
  const flags = (typeof tty === 'object' && tty !== null ? tty : {}) as Record<string, unknown>;
  return {
    argv: argv as string[],
    cwd,
    env: env as Record<string, string>,
    version,
    tty: {
      stdin: flags.stdin === true,
      stdout: flags.stdout === true,
      stderr: flags.stderr === true,
      ...(typeof flags.columns === 'number' ? { columns: flags.columns } : {}),
    },
  };
}
