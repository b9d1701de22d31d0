import { PutObjectTaggingCommand } from '@aws-sdk/client-s3';
import { defineTool, type Tool } from '@mcpctl/toolkit';
import { bucketProperty, keyProperty, objectUri, resolveBucket, s3Call } from './common.js';
import type { S3Deps } from './context.js';

interface Input {
  bucket?: string;
  key: string;
  tags: Record<string, string>;
}

export function putObjectTaggingTool(deps: S3Deps): Tool {
  return defineTool<Input, { bucket: string; key: string; uri: string; tags: Record<string, string> }>({
    name: 'put_object_tagging',
    title: 'Set object tags',
    description: 'Replace an object\'s tag set (up to 10 tags; {} removes them all). Tags drive lifecycle rules and policies in many stores.',
    tier: 'write',
    idempotent: true,
    inputSchema: {
      type: 'object',
      properties: {
        bucket: bucketProperty,
        key: keyProperty,
        tags: { type: 'object', additionalProperties: { type: 'string', maxLength: 256 }, propertyNames: { minLength: 1, maxLength: 128 }, maxProperties: 10 },
      },
      required: ['key', 'tags'],
      additionalProperties: false,
    },
    outputSchema: {
      type: 'object',
      properties: { bucket: { type: 'string' }, key: { type: 'string' }, uri: { type: 'string' }, tags: { type: 'object', additionalProperties: { type: 'string' } } },
      required: ['bucket', 'key', 'uri', 'tags'],
    },
    async handler(input, ctx) {
      const bucket = resolveBucket(deps.allow, input.bucket);
      deps.allow.checkKey(bucket, input.key, 'write', 'put_object_tagging');
      const uri = objectUri(bucket, input.key);
      await s3Call(uri, () =>
        deps.client.send(new PutObjectTaggingCommand({ Bucket: bucket, Key: input.key, Tagging: { TagSet: Object.entries(input.tags).map(([Key, Value]) => ({ Key, Value })) } }), { abortSignal: ctx.signal }),
      );
      return { bucket, key: input.key, uri, tags: input.tags };
    },
    render: (out) => `tagged ${out.uri}: ${Object.entries(out.tags).map(([k, v]) => `${k}=${v}`).join(', ') || '(no tags)'}`,
  });
}
