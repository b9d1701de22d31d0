import { ListBucketsCommand } from '@aws-sdk/client-s3';
import { defineTool, type Tool } from '@mcpctl/toolkit';
import { isoDate } from './common.js';
import type { S3Deps } from './context.js';

interface BucketInfo extends Record<string, unknown> {
  bucket: string;
  prefixes: Array<{ prefix: string; access: string }>;
  creationDate?: string;
}

/**
 * The allow-list, bucket by bucket. The store is asked (ListBuckets) only for
 * creation dates, best effort: many credentials may not list all buckets, and
 * a bucket the store lists that is not allowed is never shown.
 */
export function listBucketsTool(deps: S3Deps): Tool {
  return defineTool<Record<string, never>, { buckets: BucketInfo[]; truncated: boolean }>({
    name: 'list_buckets',
    title: 'List allowed buckets',
    description: 'List the buckets this server may use, with the prefixes and access of each (from the allow-list; creation dates when the store tells).',
    tier: 'read',
    inputSchema: { type: 'object', properties: {}, additionalProperties: false },
    outputSchema: {
      type: 'object',
      properties: {
        buckets: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              bucket: { type: 'string' },
              prefixes: { type: 'array', items: { type: 'object', properties: { prefix: { type: 'string' }, access: { enum: ['read', 'write', 'destructive'] } }, required: ['prefix', 'access'] } },
              creationDate: { type: 'string', format: 'date-time' },
            },
            required: ['bucket', 'prefixes'],
          },
        },
        truncated: { type: 'boolean' },
      },
      required: ['buckets', 'truncated'],
    },
    async handler(_input, ctx) {
      const created = new Map<string, string>();
      try {
        const response = await deps.client.send(new ListBucketsCommand({}), { abortSignal: ctx.signal });
        for (const bucket of response.Buckets ?? []) {
          const date = isoDate(bucket.CreationDate);
          if (bucket.Name && date) created.set(bucket.Name, date);
        }
      } catch (error) {
        if (ctx.signal.aborted) throw error;
        ctx.logger.debug({ err: (error as Error).name }, 'ListBuckets failed; listing the allow-list without creation dates');
      }
      const buckets: BucketInfo[] = [];
      let truncated = false;
      for (const bucket of deps.allow.bucketNames()) {
        const prefixes = deps.allow.grants.filter((grant) => grant.bucket === bucket).map((grant) => ({ prefix: grant.prefix, access: grant.access }));
        const date = created.get(bucket);
        const info: BucketInfo = { bucket, prefixes, ...(date ? { creationDate: date } : {}) };
        if (!ctx.budget.takeJson(info)) {
          truncated = true;
          break;
        }
        buckets.push(info);
      }
      return { buckets, truncated };
    },
    render: (out) => out.buckets.map((b) => `${b.bucket}\t${b.prefixes.map((p) => `${p.prefix || '(all)'} [${p.access}]`).join(', ')}${b.creationDate ? `\tcreated ${b.creationDate}` : ''}`).join('\n') || '(no buckets)',
  });
}
