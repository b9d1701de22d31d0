import { DAEMON_NOT_RUNNING } from '../errors.js';
import { readLockOwner } from '../lock-file.js';
import { isAlive } from '../process-identity.js';
import { resolveDaemonPaths, type DaemonPaths } from '../paths.js';
import { connectRpc, type RpcClient } from '../rpc/client.js';

export function daemonPaths(): DaemonPaths {
  return resolveDaemonPaths(process.env);
}

/** Connect (or fail with MCPCTL_DAEMON_NOT_RUNNING, exit 3), run `fn`, always close. */
export async function withDaemon<T>(fn: (client: RpcClient) => Promise<T>, paths: DaemonPaths = daemonPaths()): Promise<T> {
  const client = await connectRpc(paths.socket);
  try {
    return await fn(client);
  } finally {
    client.close();
  }
}

/** The daemon's status, or undefined when none answers. */
export async function probeDaemon(paths: DaemonPaths = daemonPaths()): Promise<Record<string, unknown> | undefined> {
  try {
    return await withDaemon((client) => client.request<Record<string, unknown>>('daemon.status', {}, { timeoutMs: 5000 }), paths);
  } catch (error) {
    if (DAEMON_NOT_RUNNING.is(error)) return undefined;
    throw error;
  }
}

/**
 * Wait until a daemon answers, for as long as `keepWaiting()` says one may
 * still come up (e.g. our child runs, or a live process holds the lock).
 */
export async function waitForDaemon(paths: DaemonPaths, deadline: number, keepWaiting: () => boolean | Promise<boolean>, signal?: AbortSignal): Promise<Record<string, unknown> | undefined> {
  for (;;) {
    const status = await probeDaemon(paths);
    if (status || Date.now() >= deadline || signal?.aborted || !(await keepWaiting())) return status;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** True while a live process holds the daemon lock (a daemon is starting or running). */
export async function lockHeld(paths: DaemonPaths): Promise<boolean> {
  const owner = await readLockOwner(paths.lock);
  return owner !== undefined && isAlive(owner);
}
