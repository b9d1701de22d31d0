import { dirname, basename, join } from 'node:path';

export interface AtomicWriteOptions {
  /** File mode for a new file (default 0o644). */
  mode?: number;
  /** Create missing parent directories (default true). */
  mkdirs?: boolean;
}

/**
 * Write a file so that readers see the old content or the new, never a torn
 * mix: write a temp file beside it, fsync, rename over, fsync the directory.
 * The temp name is opened exclusively ('wx'), so a name clash fails instead
 * of sharing a file. fs/promises is imported on call: this module sits on
 * the start-up path (the kernel's index) and most runs write nothing.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array, options: AtomicWriteOptions = {}): Promise<void> {
  const { mkdir, open, rename, rm } = await import('node:fs/promises');
  const dir = dirname(path);
  if (options.mkdirs !== false) await mkdir(dir, { recursive: true });
  const unique = `${process.pid}.${Date.now().toString(36)}.${Math.random().toString(36).slice(2, 10)}`;
  const temp = join(dir, `.${basename(path)}.${unique}.tmp`);
  const handle = await open(temp, 'wx', options.mode ?? 0o644);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  try {
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  // Makes the rename durable; not supported on every platform, so best effort.
  try {
    const directory = await open(dir, 'r');
    try {
      await directory.sync();
    } finally {
      await directory.close();
    }
  } catch {
    /* directory fsync unsupported here */
  }
}
