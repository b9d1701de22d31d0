import { chmod, lstat, mkdir } from 'node:fs/promises';
import { DAEMON_UNSAFE_DIR } from './errors.js';

/**
 * Create `dir` (and parents) and make sure it is a real directory owned by
 * this user with mode 0700: the socket inside must not be reachable by others.
 * A directory we own with looser bits is tightened; one owned by someone else
 * is refused.
 */
export async function ensurePrivateDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const info = await lstat(dir);
  if (!info.isDirectory()) throw DAEMON_UNSAFE_DIR(dir, 'it is not a directory');
  const uid = process.getuid?.();
  if (uid !== undefined && info.uid !== uid) throw DAEMON_UNSAFE_DIR(dir, `it is owned by uid ${info.uid}, not ${uid}`);
  if ((info.mode & 0o777) !== 0o700) await chmod(dir, 0o700);
}
