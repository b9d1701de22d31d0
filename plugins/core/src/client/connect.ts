import { join } from 'node:path';
import type { ClientSession, KernelServices, Logger, McpServerLike, McpTransport } from '@mcpctl/kernel';
import { errors, isMcpctlError } from '@mcpctl/kernel';
import { CircuitBreaker, breakerSettingsFrom } from './breaker.js';
import { HTTP_STATUS } from './errors.js';
import { mapClientError } from './error-map.js';
import { asKernelTransport } from '../serve/sdk-transport.js';
import type { ServerRequestHandlers } from './server-requests.js';
import type { DirectSession } from './session.js';
import { AUTO_TRANSPORT, type Target } from './target.js';

export interface OpenOptions {
  timeoutMs: number;
  signal?: AbortSignal;
  handlers?: ServerRequestHandlers;
  /** Skip the daemon's warm session (`--no-daemon`). */
  noDaemon?: boolean;
  /** Connect even when the circuit breaker is open. */
  ignoreBreaker?: boolean;
  /**
   * The command needs handlers only a direct session can run (elicitation
   * on this terminal, --root): don't take a warm session.
   */
  needsDirect?: boolean;
}

/**
 * Open a client session to a target: a warm session the daemon offers (for
 * configured servers), else in-process for a hosted server type, else
 * through the transport hook (any plugin's transport), behind the
 * per-server circuit breaker. A URL with no declared transport tries
 * Streamable HTTP, then legacy SSE when the server answers as an old one.
 */
export async function openSession(kernel: KernelServices, target: Target, options: OpenOptions): Promise<ClientSession> {
  const { entry } = target;
  const logger = kernel.logger.child({ server: target.label });
  if (target.name && !options.noDaemon && !options.needsDirect) {
    const offered = await kernel.offeredSession({ name: target.name, entry, timeoutMs: options.timeoutMs });
    if (offered) return offered;
  }
  if (kernel.isServerType(entry.type)) return openHosted(kernel, target, options, logger);

  const settings = target.key ? breakerSettingsFrom(entry.breaker) : undefined;
  const breaker = settings && target.key ? new CircuitBreaker(join(kernel.paths.state, 'breakers'), target.key, target.label, settings) : undefined;
  if (breaker && !options.ignoreBreaker) await breaker.check();
  try {
    const session = entry.type === AUTO_TRANSPORT
      ? await connectAuto(kernel, target, options, logger)
      : await connectVia(kernel, entry.type, target, options, logger);
    await breaker?.succeeded().catch(() => undefined);
    return session;
  } catch (error) {
    // Declining to connect from a host process says nothing about the server's health.
    if (!errors.HOSTED_DECLINED.is(error)) await breaker?.failed(error).catch(() => undefined);
    throw error;
  }
}

async function connectVia(kernel: KernelServices, transportName: string, target: Target, options: OpenOptions, logger: Logger, typeOverride?: string): Promise<DirectSession> {
  const entry = typeOverride ? { ...target.entry, type: typeOverride } : target.entry;
  let transport: McpTransport;
  try {
    transport = await kernel.createTransport(transportName, entry, { ...(target.name ? { name: target.name } : {}), timeoutMs: options.timeoutMs, ...(options.signal ? { signal: options.signal } : {}) });
  } catch (error) {
    throw mapClientError(error, { label: target.label, phase: 'connect', timeoutMs: options.timeoutMs, signal: options.signal });
  }
  // The SDK loads here, not at import: a warm session from the daemon never needs it.
  const { DirectSession } = await import('./session.js');
  return DirectSession.connect({
    label: target.label,
    transport,
    timeoutMs: options.timeoutMs,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(entry.auth?.method ? { authMethod: entry.auth.method } : {}),
    ...(options.handlers ? { handlers: options.handlers } : {}),
    logger,
  });
}

/** Status codes with which a pre-2025 server answers a Streamable HTTP POST. */
const OLD_SERVER_STATUSES = new Set([400, 404, 405]);

async function connectAuto(kernel: KernelServices, target: Target, options: OpenOptions, logger: Logger): Promise<DirectSession> {
  try {
    return await connectVia(kernel, 'http', target, options, logger, 'http');
  } catch (error) {
    const status = HTTP_STATUS.is(error) ? error.details?.status : undefined;
    if (typeof status !== 'number' || !OLD_SERVER_STATUSES.has(status)) throw error;
    logger.debug({ status }, 'Streamable HTTP refused; trying the legacy SSE transport');
    try {
      return await connectVia(kernel, 'sse', target, options, logger, 'sse');
    } catch (sseError) {
      // When SSE fails too, the Streamable HTTP answer is usually the more telling one.
      if (isMcpctlError(sseError) && sseError.exitCode !== 3) throw sseError;
      throw error;
    }
  }
}

async function openHosted(kernel: KernelServices, target: Target, options: OpenOptions, logger: Logger): Promise<ClientSession> {
  const [{ InMemoryTransport }, { DirectSession }] = await Promise.all([import('@modelcontextprotocol/sdk/inMemory.js'), import('./session.js')]);
  const server: McpServerLike = await kernel.buildServer(target.name ?? target.label, target.entry, {
    ...(options.signal ? { signal: options.signal } : {}),
    ...(target.baseDir ? { baseDir: target.baseDir } : {}),
  });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(asKernelTransport(serverSide));
  try {
    return await DirectSession.connect({
      label: target.label,
      transport: asKernelTransport(clientSide),
      timeoutMs: options.timeoutMs,
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.handlers ? { handlers: options.handlers } : {}),
      logger,
      cleanup: () => server.close(),
    });
  } catch (error) {
    await server.close().catch(() => undefined);
    throw error;
  }
}
