import { isAbsolute, relative } from 'node:path';

/** A 1-based line and column in a file. */
export interface SourcePosition {
  line: number;
  column: number;
}

/** "file:line:col" (or just "file"), for messages; `<config>` when there is no file. */
export function formatLocation(filepath: string | undefined, position: SourcePosition | undefined): string {
  if (filepath === undefined) return '<config>';
  const shown = displayPath(filepath);
  return position ? `${shown}:${position.line}:${position.column}` : shown;
}

/** A path relative to the working directory when it is below it, else absolute. */
export function displayPath(filepath: string): string {
  const rel = relative(process.cwd(), filepath);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : filepath;
}
