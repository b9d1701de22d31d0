import type { SourcePosition } from './location.js';

/**
 * A YAML or JSON file that does not parse. The message starts with
 * file:line:column and, where the parser gives one, ends with a code frame;
 * callers wrap it in their own coded error (the kernel's CONFIG_PARSE).
 */
export class SourceSyntaxError extends Error {
  override readonly name = 'SourceSyntaxError';

  constructor(
    message: string,
    readonly file: string,
    readonly position: SourcePosition | undefined,
    /** The parser's code for the problem ("CommaExpected", "BAD_INDENT"). */
    readonly reason: string,
    /** How to fix it, when the problem is a common one. */
    readonly hint?: string,
  ) {
    super(message);
  }
}
