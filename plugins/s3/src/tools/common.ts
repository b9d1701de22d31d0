import { ToolError, ToolErrorCode } from '@mcpctl/toolkit';
import type { AllowList } from '../allow-list.js';
import { toS3ToolError } from '../tool-errors.js';

/** Schemas, addressing and small helpers the s3 tools share. */

/** A JSON Schema object (never the boolean form), so tools can spread and extend it. */
export type SchemaObject = { [keyword: string]: unknown };

export const bucketProperty: SchemaObject = { type: 'string', minLength: 3, maxLength: 63, description: 'Bucket (one of list_buckets); may be left out when the server allows only one bucket.' };
export const keyProperty: SchemaObject = { type: 'string', minLength: 1, maxLength: 1024, description: 'Object key, exactly as stored (no path normalisation: "a/../b" is its own key and is refused).' };
export const etagProperty: SchemaObject = { type: 'string', description: 'Entity tag, with its quotes, as S3 returns it' };

export const objectSummarySchema: SchemaObject = {
  type: 'object',
  properties: {
    key: { type: 'string' },
    size: { type: 'integer', minimum: 0 },
    etag: etagProperty,
    lastModified: { type: 'string', format: 'date-time' },
    storageClass: { type: 'string' },
  },
  required: ['key', 'size'],
};

export interface ObjectSummary {
  key: string;
  size: number;
  etag?: string;
  lastModified?: string;
  storageClass?: string;
  [extra: string]: unknown;
}

/** The bucket a call addresses: the one given, or the only allowed bucket. */
export function resolveBucket(allow: AllowList, bucket: string | undefined): string {
  if (bucket !== undefined) {
    allow.bucketGrants(bucket);
    return bucket;
  }
  const names = allow.bucketNames();
  if (names.length === 1) return names[0] as string;
  throw new ToolError(ToolErrorCode.INVALID_ARGUMENTS, `bucket is required: server ${allow.serverName} allows ${names.length} buckets (${names.join(', ')})`, { hint: 'Pass bucket: one of list_buckets.' });
}

/** `s3://bucket/key` with each key segment percent-encoded (the resource URI of an object). */
export function objectUri(bucket: string, key: string): string {
  return `s3://${bucket}/${key.split('/').map(encodeURIComponent).join('/')}`;
}

/** The copy-source header value for `bucket/key`, encoded the way S3 expects. */
export function copySource(bucket: string, key: string): string {
  return `${bucket}/${key.split('/').map(encodeURIComponent).join('/')}`;
}

/** Run one SDK call, turning its failures into ToolErrors that name `where`. */
export async function s3Call<T>(where: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw toS3ToolError(error, where);
  }
}

export function isoDate(date: Date | undefined): string | undefined {
  return date instanceof Date && !Number.isNaN(date.getTime()) ? date.toISOString() : undefined;
}

/** Drop undefined values so outputs validate and stay small. */
export function compact<T extends Record<string, unknown>>(value: T): T {
  for (const key of Object.keys(value)) if (value[key] === undefined) delete value[key];
  return value;
}
