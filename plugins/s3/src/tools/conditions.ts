import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { ToolError, isToolError } from '@mcpctl/toolkit';
import { S3ErrorCode } from '../tool-errors.js';
import { s3Call } from './common.js';
import type { S3Deps } from './context.js';

export interface WriteConditions {
  /** "*": create only, fail when the key exists. */
  ifNoneMatch?: '*';
  /** Overwrite only while the object still has this ETag. */
  ifMatch?: string;
}

/**
 * Check a conditional write before sending it. The condition also travels
 * with the request (If-None-Match / If-Match), which AWS S3, MinIO and R2
 * enforce atomically; this look first turns a lost race into a clear
 * PRECONDITION_FAILED on stores that ignore those headers (s3rver, fauxqs),
 * which would otherwise overwrite silently.
 */
export async function checkConditions(deps: S3Deps, bucket: string, key: string, where: string, conditions: WriteConditions, signal: AbortSignal): Promise<void> {
  if (conditions.ifNoneMatch === undefined && conditions.ifMatch === undefined) return;
  let etag: string | undefined;
  try {
    const head = await s3Call(where, () => deps.client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }), { abortSignal: signal }));
    etag = head.ETag ?? '';
  } catch (error) {
    if (!(isToolError(error) && error.code === S3ErrorCode.NOT_FOUND)) throw error;
  }
  if (conditions.ifNoneMatch === '*' && etag !== undefined) {
    throw new ToolError(S3ErrorCode.PRECONDITION_FAILED, `${where} already exists (ifNoneMatch: "*" creates only)`, { hint: 'Pick another key, or overwrite with ifMatch: <its current ETag> (head_object shows it).', details: { where, etag } });
  }
  if (conditions.ifMatch !== undefined) {
    if (etag === undefined) throw new ToolError(S3ErrorCode.PRECONDITION_FAILED, `${where} does not exist (ifMatch needs the current object)`, { hint: 'Create it with ifNoneMatch: "*" instead.', details: { where } });
    if (unquote(etag) !== unquote(conditions.ifMatch)) {
      throw new ToolError(S3ErrorCode.PRECONDITION_FAILED, `${where} changed: its ETag is ${etag}, not ${conditions.ifMatch}`, { hint: 'Read the object again and retry with its current ETag.', details: { where, etag, expected: conditions.ifMatch } });
    }
  }
}

function unquote(etag: string): string {
  return etag.replace(/^W\//, '').replace(/^"|"$/g, '');
}

export const conditionProperties = {
  ifNoneMatch: { const: '*', description: 'Create only: fail with PRECONDITION_FAILED if the key exists.' },
  ifMatch: { type: 'string', minLength: 1, description: 'Overwrite only if the object\'s ETag is still this (optimistic update); else PRECONDITION_FAILED.' },
} as const;
