import { mkdir } from 'node:fs/promises';
import lockfile from 'proper-lockfile';
import * as errors from '../errors.js';

/**
 * Serialises commands that change the plugin folder (proper-lockfile: an
 * atomic mkdir of `<folder>.lock`, refreshed while held, taken over once
 * stale — so a `kill -9`ed install blocks the next one for seconds, not
 * forever). Waits up to `waitMs`, then fails with MCPCTL_INSTALL_LOCKED.
 */
export async function withFolderLock<T>(folder: string, work: () => Promise<T>, options: { waitMs?: number; onWait?: () => void } = {}): Promise<T> {
  await mkdir(folder, { recursive: true });
  const waitMs = options.waitMs ?? 120_000;
  const interval = 100;
  let release: (() => Promise<void>) | undefined;
  let warned = false;
  const started = Date.now();
  while (!release) {
    try {
      release = await lockfile.lock(folder, { lockfilePath: `${folder}/.lock`, stale: 5000, update: 1000, realpath: false });
    } catch (error) {
      if ((error as { code?: string }).code !== 'ELOCKED') throw error;
      if (Date.now() - started > waitMs) throw errors.LOCK_TIMEOUT(folder);
      if (!warned) options.onWait?.();
      warned = true;
      await new Promise((resolve) => setTimeout(resolve, interval));
    }
  }
  try {
    return await work();
  } finally {
    await release().catch(() => {});
  }
}
