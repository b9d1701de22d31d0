import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { ToolError, ToolErrorCode, defineTool, type Tool } from '@mcpctl/toolkit';
import { bucketProperty, keyProperty, objectUri, resolveBucket, s3Call } from './common.js';
import type { S3Deps } from './context.js';

interface Input {
  bucket?: string;
  key: string;
  expiresSeconds?: number;
  contentType?: string;
}

interface Output extends Record<string, unknown> {
  url: string;
  method: 'GET' | 'PUT';
  bucket: string;
  key: string;
  expiresAt: string;
  expiresSeconds: number;
  headers: Record<string, string>;
}

/**
 * presign_get / presign_put: a time-limited URL for one allowed key. The
 * presigner runs the client's middleware, so the enforcement middleware
 * checks the request (method, bucket, key, tier) before it is signed: a URL
 * for a disallowed key, or a PUT URL in the read tier, can never be made.
 */
export function presignTool(deps: S3Deps, method: 'GET' | 'PUT'): Tool {
  const put = method === 'PUT';
  return defineTool<Input, Output>({
    name: put ? 'presign_put' : 'presign_get',
    title: put ? 'Presigned upload URL' : 'Presigned download URL',
    description: put
      ? 'A time-limited URL that uploads one allowed key with an HTTP PUT (send the returned headers with it). The URL is a credential: share it only with whoever should upload.'
      : 'A time-limited URL that downloads one allowed key with an HTTP GET, without credentials. The URL is a credential: share it only with whoever should read the object.',
    tier: put ? 'write' : 'read',
    openWorld: true,
    inputSchema: {
      type: 'object',
      properties: {
        bucket: bucketProperty,
        key: keyProperty,
        expiresSeconds: { type: 'integer', minimum: 1, maximum: 604800, description: 'Lifetime (default and maximum: the server\'s presignExpiresSeconds).' },
        ...(put ? { contentType: { type: 'string', minLength: 1, maxLength: 255, description: 'Content-Type the upload must send (signed into the URL).' } } : {}),
      },
      required: ['key'],
      additionalProperties: false,
    },
    outputSchema: {
      type: 'object',
      properties: {
        url: { type: 'string', format: 'uri' },
        method: { enum: ['GET', 'PUT'] },
        bucket: { type: 'string' },
        key: { type: 'string' },
        expiresAt: { type: 'string', format: 'date-time' },
        expiresSeconds: { type: 'integer' },
        headers: { type: 'object', additionalProperties: { type: 'string' }, description: 'Headers the request must carry' },
      },
      required: ['url', 'method', 'bucket', 'key', 'expiresAt', 'expiresSeconds', 'headers'],
    },
    async handler(input, ctx) {
      const bucket = resolveBucket(deps.allow, input.bucket);
      deps.allow.checkKey(bucket, input.key, put ? 'write' : 'read', put ? 'presign_put' : 'presign_get');
      const max = deps.options.presignExpiresSeconds;
      const expiresSeconds = input.expiresSeconds ?? max;
      if (expiresSeconds > max) {
        throw new ToolError(ToolErrorCode.INVALID_ARGUMENTS, `expiresSeconds ${expiresSeconds} is over this server's limit of ${max}`, { hint: `Ask for at most ${max} seconds, or raise servers.${deps.serverName}.presignExpiresSeconds in the mcpctl config.` });
      }
      const command = put
        ? new PutObjectCommand({ Bucket: bucket, Key: input.key, ...(input.contentType ? { ContentType: input.contentType } : {}) })
        : new GetObjectCommand({ Bucket: bucket, Key: input.key });
      const url = await s3Call(objectUri(bucket, input.key), () => getSignedUrl(deps.client, command, { expiresIn: expiresSeconds }));
      ctx.budget.takeText(url);
      return {
        url,
        method,
        bucket,
        key: input.key,
        expiresSeconds,
        expiresAt: new Date(Date.now() + expiresSeconds * 1000).toISOString(),
        headers: put && input.contentType ? { 'content-type': input.contentType } : ({} as Record<string, string>),
      };
    },
    render: (out) => `${out.method} ${out.url}\n(expires ${out.expiresAt}${Object.keys(out.headers).length ? `; send headers ${JSON.stringify(out.headers)}` : ''})`,
  });
}
