import type { AuthConfig, CommandRunContext, ServerEntry } from '@mcpctl/kernel';
import { errors } from '@mcpctl/kernel';
import type { serveOptions } from '../commands/serve/options.js';
import { SERVE_AUTH_MISPLACED, SERVE_NOT_HOSTED } from './errors.js';
import { isLoopback } from '@mcpctl/toolkit/http';
import { UNKNOWN_SERVER } from '../errors.js';

type ServeContext = CommandRunContext<typeof serveOptions>;

/** `mcpctl serve <name>`: resolve the entry, then serve it over stdio or HTTP until stopped. */
export async function runServe(ctx: ServeContext): Promise<number> {
  const { kernel, options, signal } = ctx;
  const name = ctx.positionals.name as string;
  const logger = kernel.logger.child({ serve: name });
  const loaded = await kernel.loadConfig();
  const entry: ServerEntry | undefined = loaded.config.servers[name];
  if (!entry) throw UNKNOWN_SERVER(name, Object.keys(loaded.config.servers).join(', ') || '(none)');
  if (!kernel.isServerType(entry.type)) throw SERVE_NOT_HOSTED(name, entry.type);

  const event = { name, entry, pid: process.pid };
  await kernel.lifecycle.serverStarting(event);
  const build = () => kernel.buildServer(name, entry, { signal });
  let reason = 'stopped';
  try {
    if (options.transport === 'http') reason = await serveHttp(ctx, event, build, logger);
    else {
      const { serveStdio } = await import('./stdio.js');
      // Build before reading stdin so a bad entry fails before a client talks to us.
      const server = await build();
      reason = await serveStdio({ server, signal, shutdownTimeoutMs: options.shutdownTimeout, logger, onReady: () => kernel.lifecycle.serverReady(event) });
    }
  } catch (error) {
    await kernel.lifecycle.serverExited({ ...event, exitCode: 1, reason: error instanceof Error ? error.message : String(error) });
    throw error;
  }
  await kernel.lifecycle.serverExited({ ...event, exitCode: 0, reason });
  return 0;
}

async function serveHttp(
  ctx: ServeContext,
  event: { name: string; entry: ServerEntry; pid: number },
  build: () => ReturnType<ServeContext['kernel']['buildServer']>,
  logger: ServeContext['kernel']['logger'],
): Promise<string> {
  const { kernel, options: opts, signal } = ctx;
  const { name, entry } = event;
  const { HttpServe } = await import('./http.js');
  if (!opts.path.startsWith('/')) throw errors.USAGE_ERROR(`--path must start with "/" (got ${opts.path})`);
  // Fail fast on a broken entry, before binding a port.
  await (await build()).close();
  const auth = serveAuthOf(name, entry);
  const verifier = auth ? await kernel.authVerifier(auth, { serverName: name, endpointPath: opts.path }) : undefined;
  if (!isLoopback(opts.host) && !verifier) logger.warn({ host: opts.host }, `serving ${name} on a non-loopback address without auth: anyone who can reach it can use it`);
  const http = new HttpServe({
    host: opts.host,
    port: opts.port,
    path: opts.path,
    stateless: opts.stateless,
    allowedHosts: opts.allowedHost,
    allowedOrigins: opts.allowedOrigin,
    maxBodyBytes: opts.maxBodyBytes,
    sessionIdleTimeoutMs: opts.sessionIdleTimeout,
    build,
    ...(verifier ? { verifier } : {}),
    logger,
  });
  const url = await http.start();
  ctx.io.stderr.write(`mcpctl: serving ${name} on ${url}${opts.stateless ? ' (stateless)' : ''}\n`);
  await kernel.lifecycle.serverReady(event);
  await new Promise<void>((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
  logger.info('shutting down');
  const { drained } = await http.shutdown(opts.shutdownTimeout);
  await verifier?.close?.();
  if (!drained) logger.warn('shutdown timeout: closed with requests still running');
  return 'signal';
}

/**
 * The verifier block for serving an entry: `serve.auth` (core's `serverEntry`
 * key). A hosted entry's own `auth:` is client auth, which a served server
 * never uses: refuse it rather than serve without the check it meant.
 */
function serveAuthOf(name: string, entry: ServerEntry): AuthConfig | undefined {
  const serve = entry['serve'] as { auth?: AuthConfig } | undefined;
  if (serve?.auth) return serve.auth;
  if (entry.auth) throw SERVE_AUTH_MISPLACED(name);
  return undefined;
}
