import { existsSync } from 'node:fs';
import type { ClientSession, Logger, SessionRequest, SessionRequestOptions } from '@mcpctl/kernel';
import { entryFingerprint } from './entry-fingerprint.js';
import { daemonDisabled } from './fast-path/commands.js';
import { resolveDaemonPaths } from './paths.js';
import { connectRpc, type RpcClient } from './rpc/client.js';
import { inProcessClient } from './rpc/local-client.js';
import { PROGRESS_NOTIFICATION } from './rpc/protocol.js';
import type { SessionInfo } from './supervisor/warm-session.js';

/**
 * How long opening a session may take (a lazy server starts during it); the
 * kernel bounds the whole `session` tap at 5s, so stay under that and let
 * the caller connect directly instead. The daemon keeps starting the server.
 */
const OPEN_TIMEOUT_MS = 4500;

/** Extra time the client allows over the daemon's own timeout, so the daemon's coded error wins. */
const TIMEOUT_SLACK_MS = 1000;

/**
 * The `session` hook: when a daemon answers on the socket and supervises
 * `request.name` with the same entry, return a session that forwards each
 * request as one JSON-RPC message over the socket. Otherwise undefined, and
 * the caller connects directly. Never imports the MCP SDK.
 */
export async function offerDaemonSession(request: SessionRequest, logger: Logger, env: NodeJS.ProcessEnv = process.env): Promise<ClientSession | undefined> {
  if (daemonDisabled(env)) return undefined;
  // Inside the daemon (an invocation it runs for a thin client) no socket is needed.
  let client: RpcClient | undefined = inProcessClient();
  if (!client) {
    const paths = resolveDaemonPaths(env);
    if (!existsSync(paths.socket)) return undefined;
    try {
      client = await connectRpc(paths.socket, { timeoutMs: 1000 });
    } catch {
      logger.debug({ socket: paths.socket }, 'daemon socket present but not answering; connecting directly');
      return undefined;
    }
  }
  const rpc: RpcClient = client;
  let info: SessionInfo;
  try {
    info = await rpc.request<SessionInfo>(
      'session.open',
      { name: request.name, fingerprint: entryFingerprint(request.entry) },
      { timeoutMs: Math.min(request.timeoutMs ?? OPEN_TIMEOUT_MS, OPEN_TIMEOUT_MS) },
    );
  } catch (error) {
    rpc.close();
    logger.debug({ server: request.name, err: error }, 'daemon offers no session for this server; connecting directly');
    return undefined;
  }
  return {
    serverInfo: info.serverInfo,
    protocolVersion: info.protocolVersion,
    capabilities: info.capabilities,
    ...(info.instructions ? { instructions: info.instructions } : {}),
    request<T>(method: string, params?: Record<string, unknown>, options: SessionRequestOptions = {}): Promise<T> {
      const onProgress = options.onProgress;
      return rpc.request<T>(
        'mcp.request',
        {
          name: request.name,
          method,
          ...(params ? { params } : {}),
          ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
          ...(onProgress ? { progress: true } : {}),
        },
        {
          ...(options.signal ? { signal: options.signal } : {}),
          ...(options.timeoutMs ? { timeoutMs: options.timeoutMs + TIMEOUT_SLACK_MS } : {}),
          ...(onProgress
            ? {
                onNotification: (notification, notificationParams) => {
                  if (notification !== PROGRESS_NOTIFICATION) return;
                  const { progress, total, message } = notificationParams;
                  if (typeof progress !== 'number') return;
                  onProgress({
                    progress,
                    ...(typeof total === 'number' ? { total } : {}),
                    ...(typeof message === 'string' ? { message } : {}),
                  });
                },
              }
            : {}),
        },
      );
    },
    async close() {
      rpc.close();
      await rpc.closed;
    },
  };
}
