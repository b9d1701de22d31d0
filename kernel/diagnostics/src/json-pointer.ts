/** RFC 6901 JSON pointers: the only path syntax config errors use. */

export function escapeToken(token: string | number): string {
  return String(token).replace(/~/g, '~0').replace(/\//g, '~1');
}

export function unescapeToken(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** Build a pointer from path segments: ["servers", "a/b"] → "/servers/a~1b". */
export function toPointer(segments: ReadonlyArray<string | number>): string {
  return segments.map((segment) => `/${escapeToken(segment)}`).join('');
}

/** Split a pointer into unescaped segments: "" → []. */
export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer.slice(1).split('/').map(unescapeToken);
}

/** Join a pointer and one more segment. */
export function childPointer(pointer: string, segment: string | number): string {
  return `${pointer}/${escapeToken(segment)}`;
}

/** The value at the (already split) pointer, or undefined where the path leaves the document. */
export function valueAt(value: unknown, segments: readonly string[]): unknown {
  let current = value;
  for (const segment of segments) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}
