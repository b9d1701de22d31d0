import { existsSync } from 'node:fs';
import type { ClientSession, Logger, SessionRequest, SessionRequestOptions } from '@mcpctl/kernel';
import { entryFingerprint } from './entry-fingerprint.js';
import { daemonDisabled } from './fast-path/commands.js';
import { resolveDaemonPaths } from './paths.js';
import { connectRpc, type RpcClient } from './rpc/client.js';
import { PROGRESS_NOTIFICATION } from './rpc/protocol.js';
import type { SessionInfo } from './supervisor/warm-session.js';
import { OPEN_TIMEOUT_MS, sessionIdentity } from './warm-sessions.js';

/** Extra time the client allows over the daemon's own timeout, so the daemon's coded error wins. */
const TIMEOUT_SLACK_MS = 1000;

/**
 * The `session` hook, for a command the CLI runs itself (an invocation the
 * daemon runs gets its warm sessions directly, see warm-sessions.ts): when
 * a daemon answers on the socket and supervises
 * `request.name` with the same entry, return a session that forwards each
 * request as one JSON-RPC message over the socket. Otherwise undefined, and
 * the caller connects directly. Never imports the MCP SDK.
 */
export async function offerDaemonSession(request: SessionRequest, logger: Logger, env: NodeJS.ProcessEnv = process.env): Promise<ClientSession | undefined> {
  if (daemonDisabled(env)) return undefined;
  const paths = resolveDaemonPaths(env);
  if (!existsSync(paths.socket)) return undefined;
  let rpc: RpcClient;
  try {
    rpc = await connectRpc(paths.socket, { timeoutMs: 1000 });
  } catch {
    logger.debug({ socket: paths.socket }, 'daemon socket present but not answering; connecting directly');
    return undefined;
  }
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
    ...sessionIdentity(info),
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
                restartTimeoutOnNotification: true,
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
