import { DeleteObjectCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import { defineTool, isToolError, type Tool } from '@mcpctl/toolkit';
import { S3ErrorCode } from '../tool-errors.js';
import { bucketProperty, keyProperty, objectUri, resolveBucket, s3Call } from './common.js';
import type { S3Deps } from './context.js';

interface Input {
  bucket?: string;
  key: string;
}

export function deleteObjectTool(deps: S3Deps): Tool {
  return defineTool<Input, { bucket: string; key: string; uri: string; existed: boolean }>({
    name: 'delete_object',
    title: 'Delete an object',
    description: 'Delete one object (in a versioned bucket: add a delete marker). Says whether it existed.',
    tier: 'destructive',
    idempotent: true,
    inputSchema: { type: 'object', properties: { bucket: bucketProperty, key: keyProperty }, required: ['key'], additionalProperties: false },
    outputSchema: {
      type: 'object',
      properties: { bucket: { type: 'string' }, key: { type: 'string' }, uri: { type: 'string' }, existed: { type: 'boolean' } },
      required: ['bucket', 'key', 'uri', 'existed'],
    },
    async handler(input, ctx) {
      const bucket = resolveBucket(deps.allow, input.bucket);
      deps.allow.checkKey(bucket, input.key, 'destructive', 'delete_object');
      const uri = objectUri(bucket, input.key);
      let existed = true;
      try {
        await s3Call(uri, () => deps.client.send(new HeadObjectCommand({ Bucket: bucket, Key: input.key }), { abortSignal: ctx.signal }));
      } catch (error) {
        if (!(isToolError(error) && error.code === S3ErrorCode.NOT_FOUND)) throw error;
        existed = false;
      }
      if (existed) await s3Call(uri, () => deps.client.send(new DeleteObjectCommand({ Bucket: bucket, Key: input.key }), { abortSignal: ctx.signal }));
      return { bucket, key: input.key, uri, existed };
    },
    render: (out) => (out.existed ? `deleted ${out.uri}` : `${out.uri} did not exist`),
  });
}
