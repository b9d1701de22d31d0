import { readSync } from 'node:fs';
import { throwIfAborted } from '@mcpctl/toolkit/base';
import { CHUNK_BYTES } from '../io.js';
import { looksBinary } from '../mime.js';

/**
 * Line-oriented search of one open file, streamed in chunks. Each chunk is
 * first tested as a whole (one regex run over many lines, or a byte search
 * for a literal); only a chunk that matches is split into lines. A file whose
 * first chunk has a NUL byte is binary and skipped.
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
  /** For a case-sensitive literal search: its UTF-8 bytes, to skip files without decoding them. */
  needle?: Buffer;
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

// Searches of small files run synchronously one after another, so they can share one buffer.
const shared = Buffer.allocUnsafe(CHUNK_BYTES);

/**
 * A line as an independent string, cut to `max`. Lines come out of a
 * whole-file string; keeping a slice would keep that whole string alive for
 * as long as the match lives (until the result is sent).
 */
function clip(line: string, max: number): string {
  const cut = line.length > max ? `${line.slice(0, max)}…` : line;
  return Buffer.from(cut, 'utf8').toString('utf8');
}

function stripCr(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}

/** Matches line by line, keeping the context before and after each match. */
class LineScanner {
  readonly #options: SearchOptions;
  /** The last `contextLines` lines seen (before-context for the next match). */
  readonly #ring: string[] = [];
  /** Matches still collecting their after-context. */
  readonly #pending: LineMatch[] = [];
  stopped = false;

  constructor(options: SearchOptions) {
    this.#options = options;
  }

  /** Scan complete lines starting at `firstLine`; false once searching must stop. */
  scan(block: string, firstLine: number): boolean {
    const { regex, contextLines, afterLine, maxLineLength } = this.#options;
    const lines = block.split('\n');
    if (lines.at(-1) === '') lines.pop();
    for (let i = 0; i < lines.length; i++) {
      const line = stripCr(lines[i] as string);
      const number = firstLine + i;
      if (!this.#release()) return false;
      for (const match of this.#pending) match.after?.push(clip(line, maxLineLength));
      if (number > afterLine && regex.test(line)) {
        const match: LineMatch = { line: number, text: clip(line, maxLineLength) };
        if (contextLines > 0) {
          match.before = this.#ring.slice();
          match.after = [];
          this.#pending.push(match);
        } else if (!this.#emit(match)) return false;
      }
      if (contextLines > 0) this.#remember(line);
    }
    return this.#release();
  }

  /** Keep the before-context a block without matches leaves for the next one. */
  remember(block: string): void {
    const { contextLines } = this.#options;
    if (contextLines === 0) return;
    const lines = block.split('\n');
    if (lines.at(-1) === '') lines.pop();
    for (const line of lines.slice(-contextLines)) this.#remember(stripCr(line));
  }

  get waiting(): boolean {
    return this.#pending.length > 0;
  }

  /** End of file: matches still waiting for after-context go out with what they have. */
  finish(): boolean {
    for (const match of this.#pending.splice(0)) if (!this.#emit(match)) return false;
    return !this.stopped;
  }

  #remember(line: string): void {
    this.#ring.push(clip(line, this.#options.maxLineLength));
    if (this.#ring.length > this.#options.contextLines) this.#ring.shift();
  }

  /** Emit the matches whose after-context is complete. */
  #release(): boolean {
    const { contextLines } = this.#options;
    while (this.#pending.length > 0 && (this.#pending[0]?.after?.length ?? 0) >= contextLines) {
      if (!this.#emit(this.#pending.shift() as LineMatch)) return false;
    }
    return true;
  }

  #emit(match: LineMatch): boolean {
    if (!this.#options.onMatch(match)) this.stopped = true;
    return !this.stopped;
  }
}

/**
 * Search one open file. Synchronous for a file that fits in one chunk (the
 * common case: no promise and no allocation unless it matches); a promise for
 * larger files, which are streamed with pauses so cancellation can land.
 */
export function searchFile(fd: number, options: SearchOptions): SearchOutcome | Promise<SearchOutcome> {
  const n = readSync(fd, shared, 0, CHUNK_BYTES, 0);
  if (n === 0) return 'done';
  const head = shared.subarray(0, n);
  if (looksBinary(head)) return 'binary';
  if (n < CHUNK_BYTES) {
    if (options.needle && head.indexOf(options.needle) === -1) return 'done';
    const text = head.toString('utf8');
    if (!options.regex.test(text)) return 'done';
    const scanner = new LineScanner(options);
    return scanner.scan(text, 1) && scanner.finish() ? 'done' : 'stopped';
  }
  // Other searches reuse the shared buffer while this one awaits: stream through a buffer of its own.
  const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  shared.copy(buffer, 0, 0, n);
  return streamRest(fd, buffer, n, options);
}

/**
 * The rest of a large file, a chunk at a time, cut at the last newline of
 * each chunk (a partial line is carried into the next). Blocks are searched
 * as bytes when a literal needle allows, and decoded only when they match,
 * so a big file without matches costs no strings.
 */
async function streamRest(fd: number, buffer: Buffer, first: number, options: SearchOptions): Promise<SearchOutcome> {
  const { needle, afterLine, contextLines } = options;
  const scanner = new LineScanner(options);
  let n = first;
  let carry: Buffer = Buffer.alloc(0);
  let lineNumber = 1;
  let position = 0;
  for (let chunks = 1; ; chunks++) {
    const chunk = buffer.subarray(0, n);
    position += n;
    const cut = chunk.lastIndexOf(10);
    if (cut === -1) carry = Buffer.concat([carry, chunk]);
    else {
      const lines = countNewlines(chunk, cut);
      const body = chunk.subarray(0, cut + 1);
      const relevant = scanner.waiting || (lineNumber + lines - 1 > afterLine && (!needle || hasNeedle(carry, body, needle)));
      if (relevant) {
        // A block ends at a newline, so it holds whole UTF-8 characters.
        const text = (carry.length > 0 ? Buffer.concat([carry, body]) : body).toString('utf8');
        if (scanner.waiting || needle || options.regex.test(text)) {
          if (!scanner.scan(text, lineNumber)) return 'stopped';
        } else scanner.remember(text);
      } else if (contextLines > 0) {
        scanner.remember(tailLines(body, contextLines).toString('utf8'));
      }
      lineNumber += lines;
      // The buffer is reused for the next read: keep a copy of the partial line.
      carry = Buffer.from(chunk.subarray(cut + 1));
    }
    n = readSync(fd, buffer, 0, CHUNK_BYTES, position);
    if (n === 0) break;
    if (chunks % 16 === 0) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      throwIfAborted(options.signal);
    }
  }
  if (carry.length > 0 && !scanner.scan(carry.toString('utf8'), lineNumber)) return 'stopped';
  return scanner.finish() ? 'done' : 'stopped';
}

/** Whether `needle` occurs in carry + body (a match may start in the carried partial line). */
function hasNeedle(carry: Buffer, body: Buffer, needle: Buffer): boolean {
  if (body.indexOf(needle) !== -1) return true;
  if (carry.length === 0) return false;
  const seam = Buffer.concat([carry.subarray(Math.max(0, carry.length - needle.length + 1)), body.subarray(0, needle.length - 1)]);
  return carry.indexOf(needle) !== -1 || seam.indexOf(needle) !== -1;
}

/** Newlines in chunk[0..end]. */
function countNewlines(chunk: Buffer, end: number): number {
  let count = 0;
  for (let i = chunk.indexOf(10); i !== -1 && i <= end; i = chunk.indexOf(10, i + 1)) count++;
  return count;
}

/** The last `count` lines of a block that ends with a newline. */
function tailLines(body: Buffer, count: number): Buffer {
  let start = body.length - 1;
  for (let seen = 0; start > 0; start--) {
    if (body[start - 1] === 10 && ++seen === count) break;
  }
  return body.subarray(Math.max(0, start));
}

