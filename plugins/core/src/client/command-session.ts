import { basename, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ClientSession, CommandRunContext, OptionSpec } from '@mcpctl/kernel';
import { errors } from '@mcpctl/kernel';
import { openSession } from './connect.js';
import { acceptDefaults, askOnTerminal } from './elicit.js';
import type { ServerRequestHandlers } from './server-requests.js';
import { resolveTarget, type Target, type TargetOptions } from './target.js';

export const DEFAULT_TIMEOUT_MS = 60_000;

/** The option values client commands share (see commands/client/options.ts). */
export interface ClientOptionValues extends TargetOptions {
  timeout?: number | undefined;
  root?: string[];
  daemon?: boolean;
  breaker?: boolean;
  acceptDefaults?: boolean;
}

type Ctx = CommandRunContext<Record<string, OptionSpec>>;

export function timeoutOf(options: { timeout?: number | undefined }, fallback = DEFAULT_TIMEOUT_MS): number {
  const t = options.timeout;
  if (t === undefined) return fallback;
  if (!Number.isFinite(t) || t <= 0) throw errors.USAGE_ERROR(`--timeout must be a positive number of milliseconds, got ${t}`);
  return t;
}

/** Write a note for the person on stderr (never stdout: that carries results). */
export function note(ctx: Pick<Ctx, 'io'>, text: string): void {
  ctx.io.stderr.write(`${text}\n`);
}

/**
 * How this command answers the server's own requests: elicitation asked on
 * the terminal (or answered with defaults, or declined with a message),
 * roots from --root, sampling declined, log notifications to stderr.
 */
function serverRequestHandlers(ctx: Ctx, options: ClientOptionValues): ServerRequestHandlers {
  const interactive = Boolean((ctx.io.stdin as { isTTY?: boolean }).isTTY && (ctx.io.stderr as { isTTY?: boolean }).isTTY);
  const roots = (options.root ?? []).map((dir) => {
    const path = resolve(ctx.kernel.options.cwd, dir);
    return { uri: pathToFileURL(path).href, name: basename(path) || path };
  });
  return {
    elicit: async (request, signal) => {
      if (options.acceptDefaults) return acceptDefaults(request, (text) => note(ctx, text));
      if (interactive) return askOnTerminal(request, { input: ctx.io.stdin, output: ctx.io.stderr }, AbortSignal.any([signal, ctx.signal]));
      note(ctx, `Declined the server's question "${request.message}": no terminal to ask on (pass --accept-defaults to answer with the defaults).`);
      return { action: 'decline' };
    },
    ...(roots.length > 0 ? { roots } : {}),
    onDeclined: (what, reason) => note(ctx, `Declined the server's ${what} request: ${reason}.`),
    onLog: ({ level, logger, data }) => note(ctx, `[${logger ? `${logger} ` : ''}${level}] ${typeof data === 'string' ? data : JSON.stringify(data)}`),
  };
}

/** Resolve the target, open a session (closed afterwards, whatever happens) and run `fn`. */
export async function withSession<T>(
  ctx: Ctx,
  targetName: string | undefined,
  fn: (session: ClientSession, target: Target, timeoutMs: number) => Promise<T>,
  extra: { onConnected?: (connectMs: number) => void } = {},
): Promise<T> {
  const options = ctx.options as ClientOptionValues;
  const timeoutMs = timeoutOf(options);
  const target = await resolveTarget(ctx.kernel, targetName, options);
  const handlers = serverRequestHandlers(ctx, options);
  const started = performance.now();
  const session = await openSession(ctx.kernel, target, {
    timeoutMs,
    signal: ctx.signal,
    handlers,
    noDaemon: options.daemon === false,
    ignoreBreaker: options.breaker === false,
    // A warm session cannot offer our --root directories or answer with our defaults.
    needsDirect: Boolean(handlers.roots) || Boolean(options.acceptDefaults),
  });
  extra.onConnected?.(performance.now() - started);
  try {
    return await fn(session, target, timeoutMs);
  } finally {
    await session.close();
  }
}

/**
 * The positional words of `call` / `read` / `prompt`, in order: target (unless
 * --cmd names the server), then the tool / uri / prompt name, then the rest.
 * Taken as one list so it does not matter how the CLI split optional
 * positionals and rest arguments.
 */
export function shiftForCmd(ctx: Ctx, second: string | undefined): { target: string | undefined; second: string | undefined; rest: string[] } {
  const options = ctx.options as ClientOptionValues;
  const words = [ctx.positionals.target, second, ...ctx.rest].filter((w): w is string => w !== undefined);
  if (options.cmd !== undefined) return { target: undefined, second: words[0], rest: words.slice(1) };
  return { target: words[0], second: words[1], rest: words.slice(2) };
}
