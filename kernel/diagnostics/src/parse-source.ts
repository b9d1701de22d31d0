import type { Document, LineCounter as LineCounterType, Node as YamlNode } from 'yaml';
import { parsePointer, valueAt } from './json-pointer.js';
import { formatLocation, type SourcePosition } from './location.js';
import { parseJsonSource } from './parse-json-source.js';
import { SourceSyntaxError } from './syntax-error.js';

export interface ParsedSource {
  /** The whole file's value. */
  document: unknown;
  /** The value at `root` (the whole document when `root` is ""). */
  value: unknown;
  positions: (pointer: string) => SourcePosition | undefined;
}

/**
 * Parse a YAML or JSON file's text, keeping the document so that JSON
 * pointers map back to lines: YAML with the `yaml` package, JSON as strict
 * JSON (no comments, no trailing commas: parseJsonSource). A syntax error
 * is a SourceSyntaxError naming file:line:column.
 *
 * `root` is the pointer, inside the file, of the part wanted ("/mcpctl" for
 * mcpctl's config in a package.json); pointers given to `positions` are
 * relative to it.
 */
export async function parseSource(filepath: string, text: string, kind: 'yaml' | 'json', root = ''): Promise<ParsedSource> {
  if (kind === 'json') return parseJsonSource(filepath, text, root);
  const yaml = await import('yaml');
  const { parseDocument, LineCounter } = yaml;
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter,
    prettyErrors: true,
  });
  const [error] = doc.errors;
  if (error) {
    const at = error.linePos?.[0];
    const position = at ? { line: at.line, column: at.col } : undefined;
    // yaml's pretty message is "<reason> at line L, column C:" and a code frame; the position is already in front.
    const [reason = error.code, ...frame] = error.message.split('\n');
    const short = reason.replace(/ at line \d+, column \d+:?$/, '');
    throw new SourceSyntaxError([`${formatLocation(filepath, position)}  YAML syntax error: ${short}`, ...frame].join('\n').trimEnd(), filepath, position, error.code);
  }
  const whole = doc.toJS({ maxAliasCount: 1000 }) as unknown;
  const rootSegments = parsePointer(root);
  return {
    document: whole,
    value: valueAt(whole, rootSegments),
    positions: (pointer) => locate(yaml, doc, lineCounter, [...rootSegments, ...parsePointer(pointer)]),
  };
}

type YamlModule = typeof import('yaml');

/** Walk the YAML AST along the segments; a map member is located at its key. */
function locate(yaml: YamlModule, doc: Document, lineCounter: LineCounterType, segments: string[]): SourcePosition | undefined {
  let node: unknown = doc.contents;
  let offset = rangeStart(node);
  for (const segment of segments) {
    if (yaml.isAlias(node)) node = node.resolve(doc);
    if (yaml.isMap(node)) {
      const pair = node.items.find((item) => keyText(yaml, item.key) === segment);
      if (!pair) return undefined;
      offset = rangeStart(pair.key) ?? rangeStart(pair.value);
      node = pair.value;
    } else if (yaml.isSeq(node)) {
      if (!/^(0|[1-9]\d*)$/.test(segment)) return undefined;
      node = node.items[Number(segment)];
      if (node === undefined) return undefined;
      offset = rangeStart(node);
    } else {
      return undefined;
    }
  }
  if (offset === undefined) return undefined;
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
}

function keyText(yaml: YamlModule, key: unknown): string | undefined {
  if (yaml.isScalar(key)) return String(key.value);
  return typeof key === 'string' || typeof key === 'number' ? String(key) : undefined;
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as YamlNode | null | undefined)?.range;
  return Array.isArray(range) ? range[0] : undefined;
}
