import { readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { throwIfAborted } from '@mcpctl/kernel/toolkit';
import { CHUNK_BYTES } from '../io.js';
import { looksBinary } from '../mime.js';

/**
 * Line-oriented search of one open file, streamed in chunks. Each chunk is
 * first tested as a whole (one regex run over many lines); only a chunk that
 * matches is split into lines. A file whose first chunk has a NUL byte is
 * binary and skipped.
 */

export interface LineMatch {
  line: number;
  text: string;
  before?: string[];
  after?: string[];
}

export interface SearchOptions {
  /** Tests one line or a block of lines; no `g` or `y` flag (it must hold no state). */
  regex: RegExp;
  contextLines: number;
  /** Report only matches on lines after this one (resuming a page). */
  afterLine: number;
  maxLineLength: number;
  signal: AbortSignal;
  /** Take a finished match; return false to stop searching this file (and the walk). */
  onMatch(match: LineMatch): boolean;
}

/** What happened: 'binary' (skipped), 'done', or 'stopped' (onMatch said stop). */
export type SearchOutcome = 'binary' | 'done' | 'stopped';

const shared = Buffer.allocUnsafe(CHUNK_BYTES);

function clip(line: string, max: number): string {
  return line.length > max ? `${line.slice(0, max)}…` : line;
}

export async function searchFile(fd: number, options: SearchOptions): Promise<SearchOutcome> {
  const { regex, contextLines, afterLine, maxLineLength, onMatch } = options;
  let n = readSync(fd, shared, 0, CHUNK_BYTES, 0);
  if (n === 0) return 'done';
  if (looksBinary(shared.subarray(0, n))) return 'binary';

  const ring: string[] = [];
  const pending: LineMatch[] = [];
  let stopped = false;

  const emit = (match: LineMatch): boolean => {
    if (!onMatch(match)) stopped = true;
    return !stopped;
  };

  // Returns false once searching must stop.
  function scanLines(block: string, firstLine: number): boolean {
    const lines = block.split('\n');
    if (lines.at(-1) === '') lines.pop();
    for (let i = 0; i < lines.length; i++) {
      const raw = lines[i] as string;
      const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
      const number = firstLine + i;
      while (pending.length > 0 && (pending[0]?.after?.length ?? 0) >= contextLines) if (!emit(pending.shift() as LineMatch)) return false;
      for (const match of pending) if ((match.after?.length ?? 0) < contextLines) match.after?.push(clip(line, maxLineLength));
      if (number > afterLine && regex.test(line)) {
        const match: LineMatch = { line: number, text: clip(line, maxLineLength) };
        if (contextLines > 0) {
          match.before = ring.slice();
          match.after = [];
          pending.push(match);
        } else if (!emit(match)) return false;
      }
      if (contextLines > 0) {
        ring.push(clip(line, maxLineLength));
        if (ring.length > contextLines) ring.shift();
      }
    }
    while (pending.length > 0 && (pending[0]?.after?.length ?? 0) >= contextLines) if (!emit(pending.shift() as LineMatch)) return false;
    return true;
  }

  // A file that fits in one chunk: test it whole, split it only if it matches.
  if (n < CHUNK_BYTES) {
    const text = shared.toString('utf8', 0, n);
    if (!regex.test(text)) return 'done';
    if (!scanLines(text, 1)) return 'stopped';
    for (const match of pending) if (!emit(match)) return 'stopped';
    return 'done';
  }

  const decoder = new StringDecoder('utf8');
  let carry = '';
  let lineNumber = 1;
  let position = 0;
  let chunks = 0;
  for (;;) {
    const text = carry + decoder.write(shared.subarray(0, n));
    position += n;
    const cut = text.lastIndexOf('\n');
    const block = cut === -1 ? '' : text.slice(0, cut + 1);
    carry = cut === -1 ? text : text.slice(cut + 1);
    if (block !== '') {
      const lines = countLines(block);
      const interesting = pending.length > 0 || (lineNumber + lines - 1 > afterLine && regex.test(block));
      if (interesting) {
        if (!scanLines(block, lineNumber)) return 'stopped';
      } else if (contextLines > 0) {
        // Keep the before-context the next block may need.
        for (const line of lastLines(block, contextLines)) {
          ring.push(clip(line, maxLineLength));
          if (ring.length > contextLines) ring.shift();
        }
      }
      lineNumber += lines;
    }
    n = readSync(fd, shared, 0, CHUNK_BYTES, position);
    if (n === 0) break;
    if (++chunks % 16 === 0) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      throwIfAborted(options.signal);
    }
  }
  const rest = carry + decoder.end();
  if (rest !== '' && !scanLines(rest, lineNumber)) return 'stopped';
  for (const match of pending) if (!emit(match)) return 'stopped';
  return stopped ? 'stopped' : 'done';
}

function countLines(block: string): number {
  let count = 0;
  for (let i = block.indexOf('\n'); i !== -1; i = block.indexOf('\n', i + 1)) count++;
  return count;
}

function lastLines(block: string, count: number): string[] {
  const lines = block.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines.slice(-count).map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
}
