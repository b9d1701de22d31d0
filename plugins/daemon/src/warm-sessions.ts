import { errors, isMcpctlError, type ClientSession, type SessionRequest, type SessionRequestOptions } from '@mcpctl/kernel';
import { DAEMON_ENTRY_MISMATCH, DAEMON_METHOD_NOT_FORWARDED, DAEMON_REQUEST_FAILED } from './errors.js';
import { entryFingerprint } from './entry-fingerprint.js';
import { FORWARDED_MCP_METHODS } from './rpc/protocol.js';
import type { ServerUnit } from './supervisor/server-unit.js';
import type { Supervisor } from './supervisor/supervisor.js';
import type { SessionInfo, WarmRequestOptions } from './supervisor/warm-session.js';

/**
 * How long opening a session may take (a lazy server starts during it); the
 * kernel bounds the whole `session` tap at 5s, so stay under that and let
 * the caller connect itself instead. The daemon keeps starting the server.
 */
export const OPEN_TIMEOUT_MS = 4500;

/**
 * The warm session's identity, starting a lazy server first — when the
 * daemon runs the entry the caller's config describes (`fingerprint`, see
 * entryFingerprint); otherwise MCPCTL_DAEMON_ENTRY_MISMATCH.
 */
export function openWarm(unit: ServerUnit, fingerprint: string | undefined, signal?: AbortSignal): Promise<SessionInfo> {
  if (fingerprint !== undefined && fingerprint !== entryFingerprint(unit.entry)) return Promise.reject(DAEMON_ENTRY_MISMATCH(unit.name));
  return unit.describe(signal);
}

/** Forward one MCP request over a unit's warm session; only the methods in FORWARDED_MCP_METHODS. */
export function forwardWarm(unit: ServerUnit, method: string, params: Record<string, unknown> | undefined, options: WarmRequestOptions): Promise<unknown> {
  if (!FORWARDED_MCP_METHODS.has(method)) return Promise.reject(DAEMON_METHOD_NOT_FORWARDED(method, [...FORWARDED_MCP_METHODS].join(', ')));
  return unit.request(method, params, options);
}

/** The identity fields of a ClientSession, from what a warm session knows of its server. */
export function sessionIdentity(info: SessionInfo): Pick<ClientSession, 'serverInfo' | 'protocolVersion' | 'capabilities' | 'instructions'> {
  return {
    serverInfo: info.serverInfo,
    protocolVersion: info.protocolVersion,
    capabilities: info.capabilities,
    ...(info.instructions ? { instructions: info.instructions } : {}),
  };
}

/**
 * A warm session offered directly to an invocation the daemon runs in its
 * own process (no socket, no RPC): for a server it supervises with the same
 * entry. Undefined otherwise, or when the session cannot be opened in
 * time; the invocation is then handed back to the thin client.
 */
export async function offerWarmSession(supervisor: Supervisor, request: SessionRequest, signal: AbortSignal): Promise<ClientSession | undefined> {
  if (!supervisor.names().includes(request.name)) return undefined;
  const unit = supervisor.get(request.name);
  let info: SessionInfo;
  try {
    info = await openWarm(unit, entryFingerprint(request.entry), AbortSignal.any([signal, AbortSignal.timeout(Math.min(request.timeoutMs ?? OPEN_TIMEOUT_MS, OPEN_TIMEOUT_MS))]));
  } catch {
    return undefined;
  }
  return {
    ...sessionIdentity(info),
    async request<T>(method: string, params?: Record<string, unknown>, options: SessionRequestOptions = {}): Promise<T> {
      const requestSignal = options.signal ? AbortSignal.any([signal, options.signal]) : signal;
      try {
        return (await forwardWarm(unit, method, params, {
          signal: requestSignal,
          ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
          ...(options.onProgress ? { onProgress: options.onProgress } : {}),
        })) as T;
      } catch (error) {
        // The errors a socket client of the daemon would see.
        if (requestSignal.aborted) throw errors.INTERRUPTED();
        if (isMcpctlError(error)) throw error;
        throw DAEMON_REQUEST_FAILED(error instanceof Error ? error.message : String(error));
      }
    },
    // The session is the daemon's: the invocation lets go of it, the server keeps running.
    async close() {},
  };
}
