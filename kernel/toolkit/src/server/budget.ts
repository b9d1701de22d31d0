/**
 * A byte budget for one tool result. Handlers spend it as they collect
 * output and stop (and say `truncated: true`) when it runs out, so a result
 * never grows past what a client or a model can take.
 */

export const DEFAULT_MAX_RESULT_BYTES = 1024 * 1024;

export class ByteBudget {
  readonly limit: number;
  #used = 0;
  #exhausted = false;

  constructor(limit: number) {
    if (!Number.isFinite(limit) || limit < 0) throw new RangeError(`byte budget must be a non-negative number (got ${limit})`);
    this.limit = limit;
  }

  get used(): number {
    return this.#used;
  }

  get remaining(): number {
    return this.limit - this.#used;
  }

  /** True once a `take` was refused: the result is missing something. */
  get exhausted(): boolean {
    return this.#exhausted;
  }

  /** Spend `bytes` if they fit; otherwise spend nothing, mark the budget exhausted and return false. */
  take(bytes: number): boolean {
    if (bytes > this.remaining) {
      this.#exhausted = true;
      return false;
    }
    this.#used += bytes;
    return true;
  }

  /** Spend the UTF-8 size of a string. */
  takeText(text: string): boolean {
    return this.take(Buffer.byteLength(text, 'utf8'));
  }

  /** Spend the size of a value as compact JSON (what it costs in structuredContent). */
  takeJson(value: unknown): boolean {
    return this.takeText(JSON.stringify(value) ?? '');
  }

  /** Spend as much of `text` as fits, cut on a character boundary. */
  fitText(text: string): { text: string; cut: boolean } {
    const size = Buffer.byteLength(text, 'utf8');
    if (size <= this.remaining) {
      this.#used += size;
      return { text, cut: false };
    }
    const cutText = truncateUtf8(text, this.remaining);
    this.#used += Buffer.byteLength(cutText, 'utf8');
    this.#exhausted = true;
    return { text: cutText, cut: true };
  }
}

/** The longest prefix of `text` whose UTF-8 encoding fits in `maxBytes`, never splitting a character. */
export function truncateUtf8(text: string, maxBytes: number): string {
  if (maxBytes <= 0) return '';
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= maxBytes) return text;
  let end = maxBytes;
  // Step back over continuation bytes (10xxxxxx) to the start of a character.
  while (end > 0 && ((bytes[end] ?? 0) & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end).toString('utf8');
}
