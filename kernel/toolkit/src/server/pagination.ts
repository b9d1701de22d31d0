import { createHash } from 'node:crypto';
import type { JsonSchema, JsonValue } from '@mcpctl/kernel';
import { ToolError, ToolErrorCode } from './errors.js';

/**
 * Paging for list-like tools. Inputs take `cursor` and `limit`; outputs give
 * `nextCursor` (absent on the last page) and `truncated` (something was left
 * out: more pages, or the byte budget ran out). Cursors are opaque base64url
 * tokens bound to the query that produced them, so a cursor from one query
 * is refused by another rather than silently giving wrong pages.
 */

export interface PageInput {
  cursor?: string;
  limit?: number;
}

export interface PageOutput {
  nextCursor?: string;
  truncated: boolean;
}

export interface PageLimits {
  /** Page size when `limit` is absent. */
  defaultLimit: number;
  /** Largest `limit` accepted. */
  maxLimit: number;
}

/** The `cursor` and `limit` properties for a paged tool's input schema. */
export function pageInputProperties(limits: PageLimits): { cursor: JsonSchema; limit: JsonSchema } {
  return {
    cursor: { type: 'string', description: 'Opaque cursor from a previous page\'s nextCursor; omit for the first page.' },
    limit: { type: 'integer', minimum: 1, maximum: limits.maxLimit, default: limits.defaultLimit, description: `Page size (at most ${limits.maxLimit}).` },
  };
}

/** The `nextCursor` and `truncated` properties for a paged tool's output schema (list `truncated` as required). */
export const pageOutputProperties: { nextCursor: JsonSchema; truncated: JsonSchema } = Object.freeze({
  nextCursor: { type: 'string', description: 'Pass as `cursor` to get the next page; absent on the last page.' },
  truncated: { type: 'boolean', description: 'True when the result is incomplete: more pages exist or the byte budget ran out.' },
});

/** A stable fingerprint of a query (its arguments minus paging), to bind cursors to it. */
export function cursorScope(query: Record<string, unknown>, ignore: readonly string[] = ['cursor', 'limit']): string {
  const kept = Object.keys(query)
    .filter((key) => !ignore.includes(key) && query[key] !== undefined)
    .sort()
    .map((key) => [key, query[key]]);
  return createHash('sha256').update(JSON.stringify(kept)).digest('base64url').slice(0, 16);
}

interface CursorEnvelope {
  v: 1;
  s: string;
  d: JsonValue;
}

/** Make an opaque cursor carrying `state`, bound to `scope` (see {@link cursorScope}). */
export function encodeCursor(state: JsonValue, scope = ''): string {
  const envelope: CursorEnvelope = { v: 1, s: scope, d: state };
  return Buffer.from(JSON.stringify(envelope), 'utf8').toString('base64url');
}

/** Read a cursor made by {@link encodeCursor}; throws an INVALID_CURSOR ToolError when it is malformed or from another query. */
export function decodeCursor(cursor: string, scope = ''): JsonValue {
  let envelope: unknown;
  try {
    if (!/^[A-Za-z0-9_-]*$/.test(cursor)) throw new Error('not base64url');
    envelope = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor('it is not a cursor this server made');
  }
  if (typeof envelope !== 'object' || envelope === null || (envelope as CursorEnvelope).v !== 1 || !('d' in envelope)) {
    throw invalidCursor('it is not a cursor this server made');
  }
  if ((envelope as CursorEnvelope).s !== scope) throw invalidCursor('it belongs to a different query');
  return (envelope as CursorEnvelope).d;
}

function invalidCursor(why: string): ToolError {
  return new ToolError(ToolErrorCode.INVALID_CURSOR, `Invalid cursor: ${why}`, {
    hint: 'Pass back the nextCursor of the previous page unchanged, with the same other arguments; omit cursor to start over.',
  });
}

/** Read an offset cursor (made by {@link offsetCursor}). Absent cursor means offset 0. */
export function decodeOffset(cursor: string | undefined, scope = ''): number {
  if (cursor === undefined) return 0;
  const state = decodeCursor(cursor, scope);
  if (typeof state !== 'object' || state === null || Array.isArray(state) || typeof state.o !== 'number' || !Number.isSafeInteger(state.o) || state.o < 0) {
    throw invalidCursor('it is not a cursor this server made');
  }
  return state.o;
}

export function offsetCursor(offset: number, scope = ''): string {
  return encodeCursor({ o: offset }, scope);
}

/** The effective page size for an input. */
export function pageLimit(input: PageInput, limits: PageLimits): number {
  return Math.min(Math.max(1, Math.floor(input.limit ?? limits.defaultLimit)), limits.maxLimit);
}

/** Page an in-memory list by offset. */
export function paginate<T>(items: readonly T[], input: PageInput, limits: PageLimits, scope = ''): { items: T[] } & PageOutput {
  const offset = decodeOffset(input.cursor, scope);
  const limit = pageLimit(input, limits);
  const page = items.slice(offset, offset + limit);
  const end = offset + page.length;
  return end < items.length ? { items: page, nextCursor: offsetCursor(end, scope), truncated: true } : { items: page, truncated: false };
}
