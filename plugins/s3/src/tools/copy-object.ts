import { CopyObjectCommand } from '@aws-sdk/client-s3';
import { ToolError, ToolErrorCode, defineTool, type Tool } from '@mcpctl/toolkit';
import { bucketProperty, compact, copySource, etagProperty, isoDate, keyProperty, objectUri, resolveBucket, s3Call } from './common.js';
import { checkConditions, conditionProperties, type WriteConditions } from './conditions.js';
import type { S3Deps } from './context.js';

interface Input extends WriteConditions {
  sourceBucket?: string;
  sourceKey: string;
  sourceIfMatch?: string;
  bucket?: string;
  key: string;
  contentType?: string;
  metadata?: Record<string, string>;
}

interface Output extends Record<string, unknown> {
  source: string;
  bucket: string;
  key: string;
  uri: string;
  etag?: string;
  lastModified?: string;
}

export function copyObjectTool(deps: S3Deps): Tool {
  return defineTool<Input, Output>({
    name: 'copy_object',
    title: 'Copy an object',
    description:
      'Copy an object inside the store (no bytes pass through this server; up to 5 GiB). The source must be readable and the destination writable under the allow-list. Metadata is kept unless contentType or metadata is given (then replaced). ifNoneMatch / ifMatch guard the destination; sourceIfMatch the source.',
    tier: 'write',
    inputSchema: {
      type: 'object',
      properties: {
        sourceBucket: { ...bucketProperty, description: 'Source bucket (default: the only allowed bucket).' },
        sourceKey: keyProperty,
        sourceIfMatch: { ...etagProperty, description: 'Copy only if the source still has this ETag.' },
        bucket: { ...bucketProperty, description: 'Destination bucket (default: the source bucket).' },
        key: { ...keyProperty, description: 'Destination key.' },
        contentType: { type: 'string', minLength: 1, maxLength: 255 },
        metadata: { type: 'object', additionalProperties: { type: 'string', maxLength: 2048 }, propertyNames: { pattern: '^[A-Za-z0-9_-]{1,128}$' } },
        ...conditionProperties,
      },
      required: ['sourceKey', 'key'],
      additionalProperties: false,
    },
    outputSchema: {
      type: 'object',
      properties: {
        source: { type: 'string' },
        bucket: { type: 'string' },
        key: { type: 'string' },
        uri: { type: 'string' },
        etag: etagProperty,
        lastModified: { type: 'string', format: 'date-time' },
      },
      required: ['source', 'bucket', 'key', 'uri'],
    },
    async handler(input, ctx) {
      const sourceBucket = resolveBucket(deps.allow, input.sourceBucket);
      const bucket = input.bucket === undefined ? sourceBucket : resolveBucket(deps.allow, input.bucket);
      deps.allow.checkKey(sourceBucket, input.sourceKey, 'read', 'copy_object (source)');
      deps.allow.checkKey(bucket, input.key, 'write', 'copy_object');
      if (input.ifNoneMatch !== undefined && input.ifMatch !== undefined) throw new ToolError(ToolErrorCode.INVALID_ARGUMENTS, 'Give ifNoneMatch or ifMatch, not both');
      const source = objectUri(sourceBucket, input.sourceKey);
      const uri = objectUri(bucket, input.key);
      if (source === uri && input.contentType === undefined && input.metadata === undefined) {
        throw new ToolError(ToolErrorCode.INVALID_ARGUMENTS, 'Copying an object onto itself needs new contentType or metadata', { hint: 'Give contentType or metadata to change them in place.' });
      }
      await checkConditions(deps, bucket, input.key, uri, input, ctx.signal);
      const replace = input.contentType !== undefined || input.metadata !== undefined;
      const result = await s3Call(`${source} → ${uri}`, () =>
        deps.client.send(
          new CopyObjectCommand({
            Bucket: bucket,
            Key: input.key,
            CopySource: copySource(sourceBucket, input.sourceKey),
            ...(input.sourceIfMatch ? { CopySourceIfMatch: input.sourceIfMatch } : {}),
            ...(replace ? { MetadataDirective: 'REPLACE', ...(input.contentType ? { ContentType: input.contentType } : {}), Metadata: input.metadata ?? {} } : {}),
            ...(input.ifNoneMatch ? { IfNoneMatch: input.ifNoneMatch } : {}),
            ...(input.ifMatch ? { IfMatch: input.ifMatch } : {}),
          }),
          { abortSignal: ctx.signal },
        ),
      );
      return compact({ source, bucket, key: input.key, uri, etag: result.CopyObjectResult?.ETag, lastModified: isoDate(result.CopyObjectResult?.LastModified) });
    },
    render: (out) => `copied ${out.source} → ${out.uri}${out.etag ? ` (ETag ${out.etag})` : ''}`,
  });
}
