import { Upload } from '@aws-sdk/lib-storage';
import { ToolError, ToolErrorCode, defineTool, type Tool } from '@mcpctl/toolkit';
import { S3ErrorCode } from '../tool-errors.js';
import { bucketProperty, compact, etagProperty, keyProperty, objectUri, resolveBucket, s3Call } from './common.js';
import { checkConditions, conditionProperties, type WriteConditions } from './conditions.js';
import type { S3Deps } from './context.js';

interface Input extends WriteConditions {
  bucket?: string;
  key: string;
  text?: string;
  base64?: string;
  contentType?: string;
  metadata?: Record<string, string>;
  cacheControl?: string;
  tags?: Record<string, string>;
}

interface Output extends Record<string, unknown> {
  bucket: string;
  key: string;
  uri: string;
  size: number;
  etag?: string;
  versionId?: string;
  multipart: boolean;
  parts: number;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export function putObjectTool(deps: S3Deps): Tool {
  return defineTool<Input, Output>({
    name: 'put_object',
    title: 'Write an object',
    description:
      'Write an object from text or base64, with content type, user metadata, cache-control and tags. ifNoneMatch: "*" creates only; ifMatch: <etag> overwrites only an unchanged object. Bodies larger than one part are uploaded in parts (multipart), with progress; a cancelled upload is aborted.',
    tier: 'write',
    inputSchema: {
      type: 'object',
      properties: {
        bucket: bucketProperty,
        key: keyProperty,
        text: { type: 'string', description: 'The body as UTF-8 text.' },
        base64: { type: 'string', contentEncoding: 'base64', description: 'The body as base64 (binary).' },
        contentType: { type: 'string', minLength: 1, maxLength: 255, description: 'Content-Type (default: text/plain; charset=utf-8 for text, application/octet-stream for base64).' },
        metadata: { type: 'object', additionalProperties: { type: 'string', maxLength: 2048 }, propertyNames: { pattern: '^[A-Za-z0-9_-]{1,128}$' }, description: 'User metadata (x-amz-meta-*).' },
        cacheControl: { type: 'string', maxLength: 255 },
        tags: { type: 'object', additionalProperties: { type: 'string', maxLength: 256 }, propertyNames: { minLength: 1, maxLength: 128 }, maxProperties: 10, description: 'Object tags (set after the upload).' },
        ...conditionProperties,
      },
      required: ['key'],
      additionalProperties: false,
      oneOf: [{ required: ['text'] }, { required: ['base64'] }],
    },
    outputSchema: {
      type: 'object',
      properties: {
        bucket: { type: 'string' },
        key: { type: 'string' },
        uri: { type: 'string' },
        size: { type: 'integer', minimum: 0 },
        etag: etagProperty,
        versionId: { type: 'string' },
        multipart: { type: 'boolean' },
        parts: { type: 'integer', minimum: 1 },
      },
      required: ['bucket', 'key', 'uri', 'size', 'multipart', 'parts'],
    },
    async handler(input, ctx) {
      const bucket = resolveBucket(deps.allow, input.bucket);
      deps.allow.checkKey(bucket, input.key, 'write', 'put_object');
      const uri = objectUri(bucket, input.key);
      if (input.ifNoneMatch !== undefined && input.ifMatch !== undefined) throw new ToolError(ToolErrorCode.INVALID_ARGUMENTS, 'Give ifNoneMatch or ifMatch, not both');
      const body = decodeBody(input, deps.options.maxPutBytes, deps.serverName);
      await checkConditions(deps, bucket, input.key, uri, input, ctx.signal);
      const partSize = deps.options.partSizeBytes;
      const abort = new AbortController();
      const onAbort = () => abort.abort();
      ctx.signal.addEventListener('abort', onAbort, { once: true });
      const upload = new Upload({
        client: deps.client,
        partSize,
        queueSize: 4,
        leavePartsOnError: false,
        abortController: abort,
        ...(input.tags ? { tags: Object.entries(input.tags).map(([Key, Value]) => ({ Key, Value })) } : {}),
        params: {
          Bucket: bucket,
          Key: input.key,
          Body: body,
          ContentLength: body.length,
          ContentType: input.contentType ?? (input.text !== undefined ? 'text/plain; charset=utf-8' : 'application/octet-stream'),
          ...(input.metadata ? { Metadata: input.metadata } : {}),
          ...(input.cacheControl ? { CacheControl: input.cacheControl } : {}),
          ...(input.ifNoneMatch ? { IfNoneMatch: input.ifNoneMatch } : {}),
          ...(input.ifMatch ? { IfMatch: input.ifMatch } : {}),
        },
      });
      upload.on('httpUploadProgress', (progress) => {
        if (progress.loaded !== undefined) ctx.progress(progress.loaded, body.length, `uploaded ${progress.loaded} of ${body.length} bytes`);
      });
      try {
        const result = await s3Call(uri, () => upload.done());
        const parts = Math.max(1, Math.ceil(body.length / partSize));
        return compact({ bucket, key: input.key, uri, size: body.length, etag: result.ETag, versionId: result.VersionId, multipart: parts > 1, parts });
      } finally {
        ctx.signal.removeEventListener('abort', onAbort);
      }
    },
    render: (out) => `wrote ${out.uri} (${out.size} bytes${out.multipart ? ` in ${out.parts} parts` : ''}${out.etag ? `, ETag ${out.etag}` : ''})`,
  });
}

function decodeBody(input: Input, maxPutBytes: number, serverName: string): Buffer {
  const size = input.text !== undefined ? Buffer.byteLength(input.text, 'utf8') : Math.floor(((input.base64 ?? '').replace(/=+$/, '').length * 3) / 4);
  if (size > maxPutBytes) {
    throw new ToolError(S3ErrorCode.TOO_LARGE, `The body is ${size} bytes, over this server's maxPutBytes of ${maxPutBytes}`, { hint: `Use presign_put for large uploads, or raise servers.${serverName}.maxPutBytes in the mcpctl config.`, details: { size, maxPutBytes } });
  }
  if (input.text !== undefined) return Buffer.from(input.text, 'utf8');
  const base64 = (input.base64 ?? '').replace(/\s+/g, '');
  if (base64.length % 4 !== 0 || !BASE64.test(base64)) throw new ToolError(ToolErrorCode.INVALID_ARGUMENTS, 'base64 is not valid base64', { hint: 'Send standard base64 (A-Z, a-z, 0-9, +, /, = padding).' });
  return Buffer.from(base64, 'base64');
}
