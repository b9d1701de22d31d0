import { parsePointer, valueAt } from './json-pointer.js';
import { formatLocation, type SourcePosition } from './location.js';
import type { ParsedSource } from './parse-source.js';
import { SourceSyntaxError } from './syntax-error.js';

type JsoncParser = typeof import('jsonc-parser');
type JsonNode = import('jsonc-parser').Node;

/** Why a strict-JSON error happens and how to fix it, for the errors people hit most. */
const TRAILING_COMMA_HINT = 'JSON allows no trailing comma before `}` or `]`: remove it (or write the file as YAML, which allows it).';
const FIX_HINTS: Record<string, string> = {
  PropertyNameExpected: 'A property name in double quotes was expected here.',
  ValueExpected: 'A value was expected here.',
  InvalidCommentToken: 'JSON has no comments: remove it, or write the file as YAML (mcpctl.config.yaml), which has them.',
  InvalidSymbol: 'Strings and property names in JSON are in double quotes.',
  CommaExpected: 'Separate members and items with a comma.',
  ColonExpected: 'Separate a property name from its value with a colon.',
};

/**
 * Parse a `.json` file (a config, a package.json) as strict JSON, the way editors
 * reading the file through its `$schema` and every other JSON tool will:
 * no comments, no trailing commas. jsonc-parser (the parser VS Code uses)
 * is run in its strict mode because, unlike JSON.parse, it gives the offset
 * of the problem and a tree whose nodes map JSON pointers back to lines.
 *
 * `root` is the pointer, inside the file, of the part wanted ("/mcpctl"
 * for mcpctl's config in a package.json). Throws SourceSyntaxError.
 */
export async function parseJsonSource(filepath: string, text: string, root = ''): Promise<ParsedSource> {
  const jsonc = await import('jsonc-parser');
  const source = text.replace(/^\uFEFF/, '');
  const lineStarts = lineStartOffsets(source);
  const problems: import('jsonc-parser').ParseError[] = [];
  const tree = jsonc.parseTree(source, problems, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const [problem] = problems;
  if (problem || tree === undefined) {
    const at = problem ? positionOf(lineStarts, problem.offset) : undefined;
    const code = problem ? jsonc.printParseErrorCode(problem.error) : 'ValueExpected';
    const frame = at ? `\n${codeFrame(source, lineStarts, at)}` : '';
    const hint = (problem && followsComma(source, problem.offset) ? TRAILING_COMMA_HINT : FIX_HINTS[code]) ?? 'Fix the JSON syntax at the position shown (JSON allows no comments or trailing commas).';
    throw new SourceSyntaxError(`${formatLocation(filepath, at)}  JSON syntax error: ${describe(code)}${frame}`, filepath, at, code, hint);
  }
  const whole: unknown = jsonc.getNodeValue(tree);
  const rootSegments = parsePointer(root);
  return {
    document: whole,
    value: valueAt(whole, rootSegments),
    positions: (pointer) => locate(jsonc, tree, lineStarts, [...rootSegments, ...parsePointer(pointer)]),
  };
}

/** Whether the last non-blank character before `offset` is a comma (a trailing comma). */
function followsComma(text: string, offset: number): boolean {
  return /,\s*$/.test(text.slice(Math.max(0, offset - 200), offset));
}

/** "PropertyNameExpected" → "property name expected". */
function describe(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/** A member is located at its key, an array item at the item (as for YAML). */
function locate(jsonc: JsoncParser, tree: JsonNode, lineStarts: number[], segments: string[]): SourcePosition | undefined {
  const path = segments.map((segment, index) => {
    const parent = index === 0 ? tree : jsonc.findNodeAtLocation(tree, segments.slice(0, index));
    return parent?.type === 'array' && /^(0|[1-9]\d*)$/.test(segment) ? Number(segment) : segment;
  });
  const node = path.length === 0 ? tree : jsonc.findNodeAtLocation(tree, path);
  if (!node) return undefined;
  const member = node.parent?.type === 'property' ? node.parent.children?.[0] : undefined;
  return positionOf(lineStarts, (member ?? node).offset);
}

/** The offending line and a caret under the column, like YAML's errors show. */
function codeFrame(text: string, lineStarts: number[], at: SourcePosition): string {
  const start = lineStarts[at.line - 1] ?? 0;
  const end = text.indexOf('\n', start);
  const line = text.slice(start, end === -1 ? undefined : end).replace(/\r$/, '');
  const gutter = `${at.line} | `;
  return `${gutter}${line}\n${' '.repeat(gutter.length + at.column - 1)}^`;
}

function lineStartOffsets(text: string): number[] {
  const starts = [0];
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) starts.push(index + 1);
  return starts;
}

/** 1-based line and column of an offset. */
function positionOf(lineStarts: number[], offset: number): SourcePosition {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (lineStarts[middle]! <= offset) low = middle;
    else high = middle - 1;
  }
  return { line: low + 1, column: offset - lineStarts[low]! + 1 };
}
