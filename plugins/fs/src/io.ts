import { createHash } from 'node:crypto';
import { readSync } from 'node:fs';
import { throwIfAborted } from '@mcpctl/toolkit/base';

/** Streaming reads over an open fd: a file is read in chunks, never loaded whole. */

export const CHUNK_BYTES = 64 * 1024;

// Whole-file reads of small files finish without awaiting, so they can share one buffer.
const small = Buffer.allocUnsafe(CHUNK_BYTES);

/**
 * Call `onChunk` for each chunk from the start (it must copy what it keeps:
 * the buffer is reused); yields to the event loop between chunks so
 * cancellation works. `size` (from fstat/lstat) ends the read there instead
 * of with one more read returning nothing: the file as it was when looked at.
 */
export async function forEachChunk(fd: number, signal: AbortSignal, onChunk: (chunk: Buffer, position: number) => void | 'stop', size?: number): Promise<void> {
  const fits = size !== undefined && size < CHUNK_BYTES;
  const buffer = fits ? small : Buffer.allocUnsafe(CHUNK_BYTES);
  let position = 0;
  for (let i = 0; ; i++) {
    const n = readSync(fd, buffer, 0, CHUNK_BYTES, position);
    if (n === 0) return;
    if (onChunk(buffer.subarray(0, n), position) === 'stop') return;
    position += n;
    if (size !== undefined && position >= size) return;
    if (fits) continue; // grew since it was looked at: keep reading, still without awaiting
    if (i % 16 === 15) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      throwIfAborted(signal);
    }
  }
}

/** sha256 (hex) of a whole open file. */
export async function sha256Of(fd: number, signal: AbortSignal): Promise<string> {
  const hash = createHash('sha256');
  await forEachChunk(fd, signal, (chunk) => void hash.update(chunk));
  return hash.digest('hex');
}
