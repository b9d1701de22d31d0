import { isUtf8 } from 'node:buffer';
import type { Readable } from 'node:stream';

/**
 * Reading at most `cap` bytes of an object body stream, then letting go of
 * the connection: a capped read never buffers more than the cap, whatever
 * the object's size.
 */
export async function readCapped(body: unknown, cap: number, signal: AbortSignal, expectedLength?: number): Promise<{ bytes: Buffer; more: boolean }> {
  const stream = body as Readable & AsyncIterable<Uint8Array>;
  // With the length known, copy each chunk once into its place instead of gathering and concatenating.
  const target = expectedLength !== undefined && expectedLength >= 0 && expectedLength <= cap ? Buffer.allocUnsafe(expectedLength) : undefined;
  const chunks: Buffer[] = [];
  let length = 0;
  let more = false;
  try {
    for await (const chunk of stream) {
      signal.throwIfAborted();
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      const room = (target ? target.length : cap) - length;
      const take = Math.min(room, buffer.length);
      if (take > 0) {
        if (target) buffer.copy(target, length, 0, take);
        else chunks.push(take === buffer.length ? buffer : buffer.subarray(0, take));
        length += take;
      }
      if (buffer.length > room) {
        more = true;
        break;
      }
    }
  } finally {
    // Stop the download: the rest of the body is not wanted.
    if (typeof stream.destroy === 'function' && !stream.readableEnded) stream.destroy();
  }
  return { bytes: target ? target.subarray(0, length) : Buffer.concat(chunks, length), more };
}

/**
 * The longest prefix of `bytes` that ends on a whole UTF-8 character,
 * decoded, with its length in bytes; undefined if it is not UTF-8 text (or
 * has NUL bytes). Validation and decoding are Node's native (simdutf) paths.
 */
export function decodeUtf8Prefix(bytes: Buffer, mayBeCut: boolean): { text: string; bytes: number } | undefined {
  let end = bytes.length;
  if (mayBeCut) {
    // Back up over an incomplete trailing sequence (at most 3 continuation bytes).
    let i = end - 1;
    let continuation = 0;
    while (i >= 0 && continuation < 3 && (bytes[i]! & 0xc0) === 0x80) {
      i--;
      continuation++;
    }
    if (i >= 0) {
      const lead = bytes[i]!;
      const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
      if (need > continuation + 1) end = i;
    }
  }
  const slice = bytes.subarray(0, end);
  if (slice.includes(0) || !isUtf8(slice)) return undefined;
  return { text: slice.toString('utf8'), bytes: end };
}
