import { createHash, hash as hashOnce } from 'node:crypto';
import { readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { CHUNK_BYTES, forEachChunk } from './io.js';
import { looksBinary } from './mime.js';

/** One streaming pass over an open file: its sha256, size, line count, and the requested slice (capped). */

export type Slice = { kind: 'bytes'; offset: number; length: number } | { kind: 'lines'; start: number; end: number };

export interface FileRead {
  size: number;
  sha256: string;
  totalLines: number;
  binary: boolean;
  /** The slice, as bytes (cut at `cap`). */
  bytes: Buffer;
  /** More of the slice existed beyond `cap`. */
  cut: boolean;
  /** Line mode: the line the returned text starts at, and the last complete line included. */
  firstLine?: number;
  lastLine?: number;
}

export async function readSlice(fd: number, slice: Slice, cap: number, signal: AbortSignal, knownSize?: number): Promise<FileRead> {
  const hash = createHash('sha256');
  const parts: Buffer[] = [];
  let taken = 0;
  let cut = false;
  let size = 0;
  let newlines = 0;
  let lastByte = -1;
  let binary = false;
  // Line mode: byte offsets where the wanted lines begin and end.
  let line = 1;
  let lastLine = 0;
  /** Bytes taken up to the end of the last whole line. */
  let lineStart = 0;

  const take = (chunk: Buffer): void => {
    if (chunk.length === 0) return;
    const room = cap - taken;
    if (chunk.length > room) {
      cut = true;
      if (room > 0) parts.push(Buffer.from(chunk.subarray(0, room)));
      taken = cap;
      return;
    }
    parts.push(Buffer.from(chunk));
    taken += chunk.length;
  };

  await forEachChunk(fd, signal, (chunk, position) => {
    if (position === 0) binary = looksBinary(chunk);
    hash.update(chunk);
    size += chunk.length;
    lastByte = chunk[chunk.length - 1] ?? lastByte;
    if (slice.kind === 'bytes') {
      const from = Math.max(slice.offset, position);
      const to = Math.min(slice.offset + slice.length, position + chunk.length);
      if (to > from && !cut) take(chunk.subarray(from - position, to - position));
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) newlines++;
      return undefined;
    }
    // Lines: whole lines start..end, never a part of one.
    let segmentStart = 0;
    for (let i = chunk.indexOf(10); ; i = chunk.indexOf(10, i + 1)) {
      const end = i === -1 ? chunk.length : i + 1;
      if (!cut && line >= slice.start && line <= slice.end && end > segmentStart) {
        const segment = chunk.subarray(segmentStart, end);
        if (taken + segment.length > cap) cut = true;
        else {
          parts.push(Buffer.from(segment));
          taken += segment.length;
          if (i !== -1) {
            lastLine = line;
            lineStart = taken;
          }
        }
      }
      if (i === -1) break;
      newlines++;
      line++;
      segmentStart = end;
    }
    return undefined;
  }, knownSize);

  const totalLines = size === 0 ? 0 : newlines + (lastByte === 10 ? 0 : 1);
  const all = Buffer.concat(parts);
  if (slice.kind === 'bytes') return { size, sha256: hash.digest('hex'), totalLines, binary, bytes: all, cut };
  // A last line without a newline counts once it was taken whole.
  if (!cut && size > 0 && lastByte !== 10 && line >= slice.start && line <= slice.end) {
    lastLine = line;
    lineStart = taken;
  }
  return { size, sha256: hash.digest('hex'), totalLines, binary, bytes: all.subarray(0, lineStart), cut, firstLine: slice.start, lastLine };
}

export type WholeRead = Pick<FileRead, 'size' | 'sha256' | 'binary' | 'bytes' | 'cut'>;

/**
 * A whole file from the start, capped, streamed: readSlice's bytes mode. A
 * caller that reads many small files tries readWholeSmall first
 * (`readWholeSmall(…) ?? await readWhole(…)`), which needs no await.
 */
export function readWhole(fd: number, cap: number, signal: AbortSignal, knownSize: number): Promise<WholeRead> {
  return readSlice(fd, { kind: 'bytes', offset: 0, length: Number.MAX_SAFE_INTEGER }, cap, signal, knownSize);
}

/**
 * A whole file smaller than one chunk, synchronously (no await per file when
 * reading many): one read into its own buffer and a one-shot hash.
 * Undefined when the file is larger, or grew since `knownSize` was seen.
 */
export function readWholeSmall(fd: number, cap: number, knownSize: number): WholeRead | undefined {
  if (knownSize >= CHUNK_BYTES) return undefined;
  // Room for one byte more than expected tells whether it grew; a file read whole needs no read that returns 0.
  const buffer = Buffer.allocUnsafe(knownSize + 1);
  let n = readSync(fd, buffer, 0, knownSize + 1, 0);
  // A short read: read on to the size seen, or to an end that came sooner (the file shrank).
  while (n > 0 && n < knownSize) {
    const more = readSync(fd, buffer, n, knownSize + 1 - n, n);
    if (more === 0) break;
    n += more;
  }
  if (n > knownSize) return undefined;
  const bytes = buffer.subarray(0, n);
  const cut = n > cap;
  return { size: n, sha256: hashOnce('sha256', bytes, 'hex'), binary: looksBinary(bytes), bytes: cut ? bytes.subarray(0, cap) : bytes, cut };
}

/** Decode UTF-8, dropping a character cut at the end (a byte cap can split one). */
export function decodeUtf8(bytes: Buffer): string {
  // Ending in ASCII, nothing can be cut: the plain decode is the same and cheaper.
  if ((bytes[bytes.length - 1] ?? 0) < 0x80) return bytes.toString('utf8');
  const decoder = new StringDecoder('utf8');
  return decoder.write(bytes);
}
