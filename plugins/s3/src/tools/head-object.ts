import { GetObjectTaggingCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import { defineTool, type Tool } from '@mcpctl/toolkit';
import { bucketProperty, compact, etagProperty, isoDate, keyProperty, objectUri, resolveBucket, s3Call } from './common.js';
import type { S3Deps } from './context.js';

interface Input {
  bucket?: string;
  key: string;
  tags?: boolean;
}

interface Output extends Record<string, unknown> {
  bucket: string;
  key: string;
  uri: string;
  size: number;
  contentType?: string;
  etag?: string;
  lastModified?: string;
  storageClass?: string;
  contentEncoding?: string;
  cacheControl?: string;
  versionId?: string;
  metadata: Record<string, string>;
  tags?: Record<string, string>;
  tagsUnavailable?: string;
}

export function headObjectTool(deps: S3Deps): Tool {
  return defineTool<Input, Output>({
    name: 'head_object',
    title: 'Object metadata',
    description: 'An object\'s size, content type, ETag, last-modified, storage class, user metadata and (when readable) tags, without its body.',
    tier: 'read',
    inputSchema: {
      type: 'object',
      properties: { bucket: bucketProperty, key: keyProperty, tags: { type: 'boolean', default: true, description: 'Also read the object\'s tags (one more request).' } },
      required: ['key'],
      additionalProperties: false,
    },
    outputSchema: {
      type: 'object',
      properties: {
        bucket: { type: 'string' },
        key: { type: 'string' },
        uri: { type: 'string' },
        size: { type: 'integer', minimum: 0 },
        contentType: { type: 'string' },
        etag: etagProperty,
        lastModified: { type: 'string', format: 'date-time' },
        storageClass: { type: 'string' },
        contentEncoding: { type: 'string' },
        cacheControl: { type: 'string' },
        versionId: { type: 'string' },
        metadata: { type: 'object', additionalProperties: { type: 'string' } },
        tags: { type: 'object', additionalProperties: { type: 'string' } },
        tagsUnavailable: { type: 'string', description: 'Why tags are missing (the store refused or does not support them)' },
      },
      required: ['bucket', 'key', 'uri', 'size', 'metadata'],
    },
    async handler(input, ctx) {
      const bucket = resolveBucket(deps.allow, input.bucket);
      deps.allow.checkKey(bucket, input.key, 'read', 'head_object');
      const where = objectUri(bucket, input.key);
      const head = await s3Call(where, () => deps.client.send(new HeadObjectCommand({ Bucket: bucket, Key: input.key }), { abortSignal: ctx.signal }));
      const output: Output = compact({
        bucket,
        key: input.key,
        uri: where,
        size: Number(head.ContentLength ?? 0),
        contentType: head.ContentType,
        etag: head.ETag,
        lastModified: isoDate(head.LastModified),
        storageClass: head.StorageClass ?? 'STANDARD',
        contentEncoding: head.ContentEncoding,
        cacheControl: head.CacheControl,
        versionId: head.VersionId,
        metadata: head.Metadata ?? {},
      });
      if (input.tags !== false) {
        try {
          const tagging = await deps.client.send(new GetObjectTaggingCommand({ Bucket: bucket, Key: input.key }), { abortSignal: ctx.signal });
          output.tags = Object.fromEntries((tagging.TagSet ?? []).map((tag) => [tag.Key ?? '', tag.Value ?? '']));
        } catch (error) {
          if (ctx.signal.aborted) throw error;
          output.tagsUnavailable = (error as { name?: string }).name ?? 'error';
        }
      }
      ctx.budget.takeJson(output);
      return output;
    },
  });
}
