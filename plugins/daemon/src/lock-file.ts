import { link, mkdir, readFile, rm, rmdir, stat, unlink, writeFile } from 'node:fs/promises';
import { DAEMON_ALREADY_RUNNING } from './errors.js';
import { identify, isAlive, type ProcessIdentity } from './process-identity.js';

export interface LockOwner extends ProcessIdentity {
  socket: string;
  startedAt: string;
}

export interface HeldLock {
  path: string;
  owner: LockOwner;
  release(): Promise<void>;
}

/** How long a stale-lock takeover marker may exist before it is itself considered stale. */
const TAKEOVER_STALE_MS = 10_000;

/**
 * Take the one-daemon-per-user lock. The lock file appears atomically with
 * its content (written to a temp file, then hard-linked into place, which
 * fails if the lock exists). A lock whose owner is dead is stale: it is
 * removed under a short takeover marker (an atomic mkdir) after checking it
 * is still the same stale lock, so two starters racing over a stale lock
 * never both win.
 */
export async function acquireLock(path: string, socket: string): Promise<HeldLock> {
  const owner: LockOwner = { ...identify(process.pid), socket, startedAt: new Date().toISOString() };
  const content = JSON.stringify(owner) + '\n';
  const temp = `${path}.${process.pid}.tmp`;
  await writeFile(temp, content, { mode: 0o600 });
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await link(temp, path);
        return { path, owner, release: () => releaseLock(path, content) };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const existing = await readLock(path);
      if (existing === 'missing') continue;
      if (existing !== 'unreadable' && isAlive(existing.owner)) throw DAEMON_ALREADY_RUNNING(existing.owner.pid, existing.owner.socket);
      await removeStale(path, existing === 'unreadable' ? undefined : existing.raw);
      if (attempt > 200) throw new Error(`could not take the lock ${path}`);
    }
  } finally {
    await rm(temp, { force: true });
  }
}

/** Read who holds the lock, without taking it. */
export async function readLockOwner(path: string): Promise<LockOwner | undefined> {
  const existing = await readLock(path);
  return typeof existing === 'object' ? existing.owner : undefined;
}

async function readLock(path: string): Promise<{ owner: LockOwner; raw: string } | 'missing' | 'unreadable'> {
  let raw: string;
  try {
    raw = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw error;
  }
  try {
    const owner = JSON.parse(raw) as LockOwner;
    if (typeof owner.pid !== 'number') return 'unreadable';
    return { owner, raw };
  } catch {
    return 'unreadable';
  }
}

async function removeStale(path: string, staleRaw: string | undefined): Promise<void> {
  const marker = `${path}.takeover`;
  try {
    await mkdir(marker);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    // Someone else is taking over; if their marker is old they died doing it.
    const info = await stat(marker).catch(() => undefined);
    if (info && Date.now() - info.mtimeMs > TAKEOVER_STALE_MS) await rmdir(marker).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 10));
    return;
  }
  try {
    const current = await readFile(path, 'utf8').catch(() => undefined);
    // Only remove the lock we judged stale; a fresh one written meanwhile stays.
    if (current !== undefined && (staleRaw === undefined ? !isJsonLock(current) : current === staleRaw)) await unlink(path).catch(() => undefined);
  } finally {
    await rmdir(marker).catch(() => undefined);
  }
}

function isJsonLock(raw: string): boolean {
  try {
    return typeof (JSON.parse(raw) as LockOwner).pid === 'number';
  } catch {
    return false;
  }
}

async function releaseLock(path: string, content: string): Promise<void> {
  const current = await readFile(path, 'utf8').catch(() => undefined);
  if (current === content) await unlink(path).catch(() => undefined);
}
