import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { ToolError, ToolErrorCode, decodeCursor, encodeCursor } from '@mcpctl/toolkit';
import { compact, isoDate, s3Call, type ObjectSummary } from './tools/common.js';
import type { S3Deps } from './tools/context.js';

/**
 * Paged listing over one or more allowed (bucket, prefix) scopes, shared by
 * list_objects, search_objects, delete_objects and the resource list. The
 * position travels in an opaque cursor: the scope's index and either S3's
 * continuation token (a page ended where S3's did) or the last entry handed
 * out (a page was cut by the limit or the byte budget inside S3's page).
 */

export interface Scope {
  bucket: string;
  prefix: string;
}

export interface ListPosition {
  /** Index into the scopes. */
  s: number;
  /** S3's continuation token. */
  t?: string;
  /** List after this key (or past this common prefix). */
  a?: string;
}

export type ListEntry = { kind: 'object'; bucket: string; object: ObjectSummary } | { kind: 'prefix'; bucket: string; prefix: string };

export interface Batch {
  entries: ListEntry[];
  /** Where the next batch starts, or undefined when every scope is done. */
  next: ListPosition | undefined;
}

/** Fetch up to `maxKeys` entries (one ListObjectsV2 request) from the scope at `position`. */
export async function fetchBatch(deps: S3Deps, scopes: readonly Scope[], position: ListPosition, options: { delimiter?: string; maxKeys: number; signal: AbortSignal }): Promise<Batch> {
  const scope = scopes[position.s];
  if (!scope) return { entries: [], next: undefined };
  const where = `s3://${scope.bucket}/${scope.prefix}`;
  const response = await s3Call(where, () =>
    deps.client.send(
      new ListObjectsV2Command({
        Bucket: scope.bucket,
        ...(scope.prefix ? { Prefix: scope.prefix } : {}),
        ...(options.delimiter ? { Delimiter: options.delimiter } : {}),
        MaxKeys: Math.max(1, Math.min(1000, options.maxKeys)),
        ...(position.t ? { ContinuationToken: position.t } : position.a ? { StartAfter: position.a } : {}),
      }),
      { abortSignal: options.signal },
    ),
  );
  const objects: ListEntry[] = [];
  for (const item of response.Contents ?? []) {
    const key = item.Key;
    // Belt and braces: a store that answered outside the prefix, or with a key this server would refuse, is filtered out.
    if (typeof key !== 'string' || !key.startsWith(scope.prefix) || !deps.allow.readable(scope.bucket, key)) continue;
    objects.push({
      kind: 'object',
      bucket: scope.bucket,
      object: compact({ key, size: Number(item.Size ?? 0), etag: item.ETag, lastModified: isoDate(item.LastModified), storageClass: item.StorageClass }),
    });
  }
  const prefixes: ListEntry[] = [];
  for (const item of response.CommonPrefixes ?? []) {
    if (typeof item.Prefix === 'string' && item.Prefix.startsWith(scope.prefix)) prefixes.push({ kind: 'prefix', bucket: scope.bucket, prefix: item.Prefix });
  }
  const entries = mergeSorted(objects, prefixes);
  const next: ListPosition | undefined = response.IsTruncated && response.NextContinuationToken
    ? { s: position.s, t: response.NextContinuationToken }
    : position.s + 1 < scopes.length ? { s: position.s + 1 } : undefined;
  return { entries, next };
}

/** The position just after `entry` in its scope (for a page cut inside S3's page). */
export function positionAfter(scopeIndex: number, entry: ListEntry): ListPosition {
  // Past every key under a common prefix: U+10FFFF sorts after any character a key can continue with.
  return { s: scopeIndex, a: entry.kind === 'object' ? entry.object.key : `${entry.prefix}\u{10FFFF}` };
}

export function encodePosition(position: ListPosition, scope: string): string {
  return encodeCursor({ s: position.s, ...(position.t ? { t: position.t } : {}), ...(position.a ? { a: position.a } : {}) }, scope);
}

/** Decode and check a cursor (it comes from the client). */
export function decodePosition(cursor: string | undefined, scope: string, scopeCount: number): ListPosition {
  if (cursor === undefined) return { s: 0 };
  const state = decodeCursor(cursor, scope) as Record<string, unknown> | null;
  const valid = typeof state === 'object' && state !== null && Number.isInteger(state.s) && (state.s as number) >= 0 && (state.s as number) < scopeCount
    && (state.t === undefined || typeof state.t === 'string') && (state.a === undefined || typeof state.a === 'string');
  if (!valid) throw new ToolError(ToolErrorCode.INVALID_CURSOR, 'The cursor is not one this server issued for these arguments', { hint: 'Start again without cursor.' });
  return { s: state.s as number, ...(typeof state.t === 'string' ? { t: state.t } : {}), ...(typeof state.a === 'string' ? { a: state.a } : {}) };
}

function mergeSorted(a: ListEntry[], b: ListEntry[]): ListEntry[] {
  if (b.length === 0) return a;
  if (a.length === 0) return b;
  const name = (entry: ListEntry) => (entry.kind === 'object' ? entry.object.key : entry.prefix);
  const out: ListEntry[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = a[i];
    const y = b[j];
    if (y === undefined || (x !== undefined && compareKeys(name(x), name(y)) <= 0)) {
      out.push(x as ListEntry);
      i++;
    } else {
      out.push(y);
      j++;
    }
  }
  return out;
}

/** S3 orders keys by their UTF-8 bytes. */
export function compareKeys(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
