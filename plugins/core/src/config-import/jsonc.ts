import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';

/**
 * Parse JSON with comments and trailing commas (VS Code's mcp.json and
 * settings.json are JSONC) with Microsoft's jsonc-parser, the parser VS Code
 * itself uses. The first problem is thrown as a SyntaxError with its line
 * and column.
 */
export function parseJsonc(text: string): unknown {
  const source = text.replace(/^\uFEFF/, '');
  const problems: ParseError[] = [];
  const value: unknown = parse(source, problems, { allowTrailingComma: true, disallowComments: false });
  const [first] = problems;
  if (first) {
    const before = source.slice(0, first.offset).split('\n');
    throw new SyntaxError(`${printParseErrorCode(first.error)} at line ${before.length}, column ${before.at(-1)!.length + 1}`);
  }
  return value;
}
