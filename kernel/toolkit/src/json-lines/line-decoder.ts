/** Longest line accepted by default: 64 MiB. */
export const DEFAULT_MAX_LINE_BYTES = 64 * 1024 * 1024;

/**
 * Splits a byte stream into newline-terminated lines. Bytes are buffered
 * until a newline; a line longer than the limit is an error, so a
 * misbehaving peer cannot grow memory without bound. Blank lines are
 * skipped and a trailing `\r` is dropped.
 */
export class LineDecoder {
  private chunks: Buffer[] = [];
  private size = 0;

  constructor(private readonly maxLineBytes: number = DEFAULT_MAX_LINE_BYTES) {}

  /** Feed a chunk; returns the complete lines it finished (without the newline). */
  push(chunk: Buffer): string[] {
    const lines: string[] = [];
    let start = 0;
    for (let index = chunk.indexOf(10); index !== -1; index = chunk.indexOf(10, start)) {
      const piece = chunk.subarray(start, index);
      if (this.size + piece.length > this.maxLineBytes) throw new Error(`line longer than ${this.maxLineBytes} bytes`);
      this.chunks.push(piece);
      const line = Buffer.concat(this.chunks).toString('utf8');
      this.chunks = [];
      this.size = 0;
      if (line.trim() !== '') lines.push(line.endsWith('\r') ? line.slice(0, -1) : line);
      start = index + 1;
    }
    if (start < chunk.length) {
      const rest = chunk.subarray(start);
      if (this.size + rest.length > this.maxLineBytes) throw new Error(`line longer than ${this.maxLineBytes} bytes`);
      this.chunks.push(rest);
      this.size += rest.length;
    }
    return lines;
  }

  /** Forget a partial line (after an error, or when the stream is replaced). */
  reset(): void {
    this.chunks = [];
    this.size = 0;
  }
}
