import { open, stat } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Print what is appended to `path` until `signal` aborts, like `tail -f`:
 * polls the size, and starts from the top again when the file was rotated
 * (a new inode) or truncated.
 */
export async function followFile(path: string, write: (text: string) => void, signal: AbortSignal, intervalMs = 200): Promise<void> {
  const initial = await stat(path).catch(() => undefined);
  let position = initial?.size ?? 0;
  let inode = initial?.ino;
  while (!signal.aborted) {
    // Rejects at once when `signal` aborts; its abort listener goes with the timer.
    await sleep(intervalMs, undefined, { signal }).catch(() => undefined);
    const info = await stat(path).catch(() => undefined);
    if (!info) continue;
    if (info.ino !== inode || info.size < position) {
      inode = info.ino;
      position = 0;
    }
    if (info.size === position) continue;
    const handle = await open(path, 'r');
    try {
      const length = info.size - position;
      const buffer = Buffer.alloc(length);
      const { bytesRead } = await handle.read(buffer, 0, length, position);
      position += bytesRead;
      write(buffer.subarray(0, bytesRead).toString('utf8'));
    } finally {
      await handle.close();
    }
  }
}
