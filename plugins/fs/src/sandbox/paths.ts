import { fileURLToPath } from 'node:url';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { ToolError } from '@mcpctl/toolkit';
import { FsErrorCode } from '../errors.js';

/** Pure path rules of the sandbox: no I/O here. */

const MAX_PATH_LENGTH = 4096;

/** An empty, `.` or `..` segment, or a trailing slash: what path.resolve would normalize away. */
const NOT_NORMAL = /\/\/|\/\.\.?(?:\/|$)|.\/$/;

/** Whether `child` is `parent` or inside it (`/data-evil` is not inside `/data`). */
export function isInside(child: string, parent: string): boolean {
  if (child === parent) return true;
  const prefix = parent.endsWith(sep) ? parent : parent + sep;
  return child.startsWith(prefix);
}

/** `path` relative to `root`, with `/` separators; '' for the root itself. Both are absolute and normalized. */
export function relativeTo(root: string, path: string): string {
  // Inside the root the answer is a plain suffix; path.relative would re-resolve both (slow on hot paths).
  const rel = isInside(path, root) ? path.slice(path === root ? path.length : root.endsWith(sep) ? root.length : root.length + 1) : relative(root, path);
  return sep === '/' ? rel : rel.split(sep).join('/');
}

/**
 * Turn a tool's path argument into an absolute, normalized path. Relative
 * paths resolve against `base`. Refused: NUL bytes, `~` (never expanded),
 * over-long paths, and file URIs that are not local. `%2e%2e` and Unicode
 * lookalikes (`．．`) are not decoded or normalized: they stay literal names.
 */
export function absolutize(input: unknown, base: string): string {
  if (typeof input !== 'string' || input === '') throw invalid(String(input), 'a path must be a non-empty string');
  if (input.length > MAX_PATH_LENGTH) throw invalid(input.slice(0, 80) + '…', `a path may have at most ${MAX_PATH_LENGTH} characters`);
  if (input.includes('\0')) throw invalid(input.replaceAll('\0', '\\0'), 'a path cannot contain a NUL byte');
  let path = input;
  if (/^file:/i.test(path)) {
    try {
      path = fileURLToPath(path);
    } catch {
      throw invalid(input, 'not a local file:// URI');
    }
    if (path.includes('\0')) throw invalid(input, 'a path cannot contain a NUL byte');
  }
  if (path.startsWith('~')) {
    throw invalid(input, '`~` is not expanded', 'Give a path relative to the first root, or an absolute path inside a root (see list_roots).');
  }
  // Already absolute and normal: resolve() would return it unchanged (and costs more than this test).
  if (sep === '/' && path.startsWith('/') && !NOT_NORMAL.test(path)) return path;
  return isAbsolute(path) ? resolve(path) : resolve(base, path);
}

function invalid(shown: string, why: string, hint?: string): ToolError {
  return new ToolError(FsErrorCode.INVALID_PATH, `Invalid path ${JSON.stringify(shown)}: ${why}`, hint ? { hint } : {});
}
