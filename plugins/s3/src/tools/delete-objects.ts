import { DeleteObjectsCommand } from '@aws-sdk/client-s3';
import { ToolError, ToolErrorCode, defineTool, throwIfAborted, type Tool } from '@mcpctl/toolkit';
import { fetchBatch, type ListPosition } from '../listing.js';
import { S3ErrorCode } from '../tool-errors.js';
import { bucketProperty, keyProperty, resolveBucket, s3Call } from './common.js';
import type { S3Deps } from './context.js';

interface Input {
  bucket?: string;
  keys?: string[];
  prefix?: string;
  dryRun?: boolean;
  confirm?: number;
}

interface Failure extends Record<string, unknown> {
  key: string;
  code: string;
  message: string;
}

interface Output extends Record<string, unknown> {
  bucket: string;
  dryRun: boolean;
  count: number;
  deleted: number;
  keys: string[];
  errors: Failure[];
  truncated: boolean;
}

const BATCH = 1000;
const SAMPLE = 20;

export function deleteObjectsTool(deps: S3Deps): Tool {
  return defineTool<Input, Output>({
    name: 'delete_objects',
    title: 'Delete many objects',
    description:
      'Delete objects by keys (up to 1000), or every object under a prefix. By prefix it is two steps: call with dryRun: true to get the count (and a sample), then again with confirm: <that count>; if the count changed meanwhile nothing is deleted. Reports per-key failures.',
    tier: 'destructive',
    idempotent: true,
    inputSchema: {
      type: 'object',
      properties: {
        bucket: bucketProperty,
        keys: { type: 'array', items: keyProperty, minItems: 1, maxItems: BATCH, uniqueItems: true },
        prefix: { type: 'string', minLength: 1, maxLength: 1024, description: 'Delete every object under this prefix (inside an allowed prefix).' },
        dryRun: { type: 'boolean', default: false, description: 'Only count (and sample) what would be deleted.' },
        confirm: { type: 'integer', minimum: 0, description: 'For prefix: the count dryRun reported.' },
      },
      additionalProperties: false,
      oneOf: [{ required: ['keys'] }, { required: ['prefix'] }],
    },
    outputSchema: {
      type: 'object',
      properties: {
        bucket: { type: 'string' },
        dryRun: { type: 'boolean' },
        count: { type: 'integer', minimum: 0, description: 'Objects matched' },
        deleted: { type: 'integer', minimum: 0 },
        keys: { type: 'array', items: { type: 'string' }, description: 'Deleted keys (dry run: a sample of the matched keys), as many as fit the result' },
        errors: { type: 'array', items: { type: 'object', properties: { key: { type: 'string' }, code: { type: 'string' }, message: { type: 'string' } }, required: ['key', 'code', 'message'] } },
        truncated: { type: 'boolean', description: 'keys lists fewer than were matched or deleted' },
      },
      required: ['bucket', 'dryRun', 'count', 'deleted', 'keys', 'errors', 'truncated'],
    },
    async handler(input, ctx) {
      const bucket = resolveBucket(deps.allow, input.bucket);
      const dryRun = input.dryRun === true;
      let keys: string[];
      if (input.keys !== undefined) {
        for (const key of input.keys) deps.allow.checkKey(bucket, key, 'destructive', 'delete_objects');
        keys = input.keys;
      } else {
        const prefix = input.prefix as string;
        deps.allow.checkListPrefix(bucket, prefix, 'delete_objects');
        // The tier is checked before any listing, so a read-tier call learns nothing it could not list anyway and sends no write.
        deps.allow.checkKey(bucket, prefix.endsWith('/') ? `${prefix}x` : prefix, 'destructive', 'delete_objects');
        keys = await keysUnder(deps, bucket, prefix, ctx.signal);
        if (!dryRun) {
          if (input.confirm === undefined) {
            throw new ToolError(ToolErrorCode.INVALID_ARGUMENTS, `Deleting by prefix needs confirm: the count from a dry run (${keys.length} objects are under ${prefix} now)`, { hint: 'Call delete_objects with dryRun: true first, then with confirm: <count>.', details: { count: keys.length } });
          }
          if (input.confirm !== keys.length) {
            throw new ToolError(S3ErrorCode.CONFIRM_MISMATCH, `confirm is ${input.confirm} but ${keys.length} objects are under ${prefix} now; nothing was deleted`, { hint: 'Run the dry run again and confirm the new count.', details: { count: keys.length, confirm: input.confirm } });
          }
        }
      }
      if (dryRun) {
        const sample = takeKeys(keys.slice(0, SAMPLE), ctx.budget);
        return { bucket, dryRun, count: keys.length, deleted: 0, keys: sample, errors: [], truncated: sample.length < keys.length };
      }
      const deletedKeys: string[] = [];
      const errors: Failure[] = [];
      for (let start = 0; start < keys.length; start += BATCH) {
        throwIfAborted(ctx.signal);
        const batch = keys.slice(start, start + BATCH);
        const response = await s3Call(`s3://${bucket}/ (${batch.length} keys)`, () =>
          deps.client.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: false } }), { abortSignal: ctx.signal }),
        );
        for (const item of response.Deleted ?? []) if (item.Key) deletedKeys.push(item.Key);
        for (const item of response.Errors ?? []) errors.push({ key: item.Key ?? '', code: item.Code ?? 'Error', message: item.Message ?? '' });
        ctx.progress(Math.min(keys.length, start + batch.length), keys.length, `deleted ${deletedKeys.length}`);
      }
      const listed = takeKeys(deletedKeys, ctx.budget);
      const shownErrors = errors.filter((error) => ctx.budget.takeJson(error));
      return { bucket, dryRun, count: keys.length, deleted: deletedKeys.length, keys: listed, errors: shownErrors, truncated: listed.length < deletedKeys.length || shownErrors.length < errors.length };
    },
    render: (out) =>
      out.dryRun
        ? `would delete ${out.count} objects in ${out.bucket}${out.keys.length ? `, e.g.\n${out.keys.join('\n')}` : ''}\n(confirm with confirm: ${out.count})`
        : `deleted ${out.deleted} of ${out.count} objects in ${out.bucket}${out.errors.length ? `; ${out.errors.length} failed:\n${out.errors.map((e) => `${e.key}\t${e.code}\t${e.message}`).join('\n')}` : ''}`,
  });
}

/** Every key under `prefix`, up to searchMaxKeys (more is refused: narrow the prefix). */
async function keysUnder(deps: S3Deps, bucket: string, prefix: string, signal: AbortSignal): Promise<string[]> {
  const scopes = [{ bucket, prefix }];
  const keys: string[] = [];
  let position: ListPosition | undefined = { s: 0 };
  while (position) {
    throwIfAborted(signal);
    const batch = await fetchBatch(deps, scopes, position, { maxKeys: 1000, signal });
    for (const entry of batch.entries) if (entry.kind === 'object') keys.push(entry.object.key);
    if (keys.length > deps.options.searchMaxKeys) {
      throw new ToolError(S3ErrorCode.TOO_LARGE, `More than ${deps.options.searchMaxKeys} objects are under ${prefix}`, { hint: `Delete a narrower prefix, or raise servers.${deps.serverName}.searchMaxKeys in the mcpctl config.` });
    }
    position = batch.next;
  }
  return keys;
}

function takeKeys(keys: string[], budget: { takeJson(value: unknown): boolean }): string[] {
  const out: string[] = [];
  for (const key of keys) {
    if (!budget.takeJson(key)) break;
    out.push(key);
  }
  return out;
}
