import { GetObjectCommand, type GetObjectCommandOutput } from '@aws-sdk/client-s3';
import { ToolError, defineTool, isToolError, type Tool } from '@mcpctl/toolkit';
import { decodeUtf8Prefix, readCapped } from '../body.js';
import { S3ErrorCode } from '../tool-errors.js';
import { bucketProperty, compact, etagProperty, isoDate, keyProperty, objectUri, resolveBucket, s3Call } from './common.js';
import type { S3Deps } from './context.js';

interface Input {
  bucket?: string;
  key: string;
  offset?: number;
  length?: number;
  maxBytes?: number;
  as?: 'auto' | 'text' | 'base64';
  ifMatch?: string;
}

interface Output extends Record<string, unknown> {
  bucket: string;
  key: string;
  uri: string;
  size: number;
  contentType?: string;
  etag?: string;
  lastModified?: string;
  offset: number;
  bytes: number;
  encoding: 'text' | 'base64' | 'none';
  text?: string;
  base64?: string;
  truncated: boolean;
  nextOffset?: number;
}

// Room left in the budget for the output's other fields.
const ENVELOPE = 4096;

export function getObjectTool(deps: S3Deps): Tool {
  return defineTool<Input, Output>({
    name: 'get_object',
    title: 'Read an object',
    description:
      'Read an object, whole or a byte range (offset, length), capped at maxBytes (and the server\'s maxObjectBytes). Text comes back as text, cut on a character boundary; binary as base64 when the range fits under the cap, otherwise as a resource link (read a range instead). Reports the size, ETag and whether it was cut (continue at nextOffset; pass ifMatch: <etag> so the pages belong to one version).',
    tier: 'read',
    inputSchema: {
      type: 'object',
      properties: {
        bucket: bucketProperty,
        key: keyProperty,
        offset: { type: 'integer', minimum: 0, default: 0, description: 'First byte (0-based).' },
        length: { type: 'integer', minimum: 1, description: 'Bytes from offset (default: to the end, up to the cap).' },
        maxBytes: { type: 'integer', minimum: 1, description: 'Cap on the bytes returned (at most the server\'s maxObjectBytes).' },
        as: { enum: ['auto', 'text', 'base64'], default: 'auto', description: 'auto: text when the bytes are UTF-8 without NUL bytes, else binary (base64 under the cap, a resource link over it).' },
        ifMatch: { ...etagProperty, description: 'Fail with PRECONDITION_FAILED unless the object still has this ETag.' },
      },
      required: ['key'],
      additionalProperties: false,
    },
    outputSchema: {
      type: 'object',
      properties: {
        bucket: { type: 'string' },
        key: { type: 'string' },
        uri: { type: 'string' },
        size: { type: 'integer', minimum: 0, description: 'The whole object\'s size' },
        contentType: { type: 'string' },
        etag: etagProperty,
        lastModified: { type: 'string', format: 'date-time' },
        offset: { type: 'integer', minimum: 0 },
        bytes: { type: 'integer', minimum: 0, description: 'Bytes returned (of the object, before encoding)' },
        encoding: { enum: ['text', 'base64', 'none'], description: 'none: binary over the cap; see the resource link' },
        text: { type: 'string' },
        base64: { type: 'string', contentEncoding: 'base64' },
        truncated: { type: 'boolean', description: 'The requested range went on beyond what was returned' },
        nextOffset: { type: 'integer', minimum: 0, description: 'Where to continue, when truncated' },
      },
      required: ['bucket', 'key', 'uri', 'size', 'offset', 'bytes', 'encoding', 'truncated'],
    },
    async handler(input, ctx) {
      const bucket = resolveBucket(deps.allow, input.bucket);
      deps.allow.checkKey(bucket, input.key, 'read', 'get_object');
      const uri = objectUri(bucket, input.key);
      const offset = input.offset ?? 0;
      const mode = input.as ?? 'auto';
      const cap = Math.min(input.maxBytes ?? deps.options.maxObjectBytes, deps.options.maxObjectBytes);
      const room = Math.max(0, ctx.budget.remaining - ENVELOPE);
      // Never ask the store for more than can be returned: base64 grows by 4/3.
      const budgetBytes = mode === 'base64' ? Math.floor((room * 3) / 4) : room;
      const readLength = Math.max(1, Math.min(cap, input.length ?? Number.MAX_SAFE_INTEGER, budgetBytes));
      const request = (range: string | undefined) => new GetObjectCommand({ Bucket: bucket, Key: input.key, ...(range ? { Range: range } : {}), ...(input.ifMatch ? { IfMatch: input.ifMatch } : {}) });
      let response: GetObjectCommandOutput;
      try {
        response = await s3Call(uri, () => deps.client.send(request(`bytes=${offset}-${offset + readLength - 1}`), { abortSignal: ctx.signal }));
      } catch (error) {
        // An empty object has no byte 0: read it whole.
        if (!(offset === 0 && isToolError(error) && error.code === S3ErrorCode.INVALID_RANGE)) throw error;
        response = await s3Call(uri, () => deps.client.send(request(undefined), { abortSignal: ctx.signal }));
      }
      const size = totalSize(response);
      if (response.ContentRange === undefined && offset > 0) {
        (response.Body as { destroy?: () => void } | undefined)?.destroy?.();
        throw new ToolError(S3ErrorCode.STORE_ERROR, `The store ignored the byte range asked of ${uri}`, { hint: 'Read from offset 0, or use a store that supports Range requests.' });
      }
      // An empty object has no bytes to read (s3rver even announces one that never comes).
      const { bytes } = size === 0 ? discard(response) : await readCapped(response.Body, readLength, ctx.signal, response.ContentLength);
      const rangeEnd = Math.min(size, input.length === undefined ? size : offset + input.length);
      const complete = offset + bytes.length >= rangeEnd;
      const base: Output = compact({
        bucket,
        key: input.key,
        uri,
        size,
        contentType: response.ContentType,
        etag: response.ETag,
        lastModified: isoDate(response.LastModified),
        offset,
        bytes: 0,
        encoding: 'none' as const,
        truncated: !complete,
      });
      const decoded = mode === 'base64' ? undefined : decodeUtf8Prefix(bytes, !complete);
      if (mode === 'text' && decoded === undefined) {
        throw new ToolError('NOT_TEXT', `${uri} is not UTF-8 text in this range`, { hint: 'Read it with as: "base64".', details: { contentType: response.ContentType } });
      }
      if (decoded !== undefined) {
        // Most reads fit the budget whole: spend the byte count already known instead of measuring the string again.
        const fitted = ctx.budget.take(decoded.bytes) ? { text: decoded.text, returned: decoded.bytes } : fitText(ctx.budget, decoded.text);
        const output: Output = { ...base, encoding: 'text', text: fitted.text, bytes: fitted.returned, truncated: offset + fitted.returned < rangeEnd };
        if (output.truncated) output.nextOffset = offset + fitted.returned;
        return output;
      }
      if (complete || mode === 'base64') {
        const encoded = bytes.toString('base64');
        ctx.budget.takeText(encoded);
        const output: Output = { ...base, encoding: 'base64', base64: encoded, bytes: bytes.length };
        if (output.truncated) output.nextOffset = offset + bytes.length;
        return output;
      }
      // Binary and over the cap: a link to the object instead of a partial binary.
      return { ...base, truncated: true };
    },
    render: (out) => {
      if (out.encoding === 'text') return out.truncated ? `${out.text}\n… (truncated at byte ${out.nextOffset} of ${out.size}; continue with offset: ${out.nextOffset})` : (out.text ?? '');
      if (out.encoding === 'base64') return `${out.bytes} bytes of ${out.uri} (${out.contentType ?? 'binary'}, base64 in structuredContent.base64)${out.truncated ? `; continue with offset: ${out.nextOffset}` : ''}`;
      return `${out.uri} is binary (${out.contentType ?? 'unknown type'}, ${out.size} bytes), larger than the cap: read a range (offset, length) with as: "base64", or presign_get a URL.`;
    },
    content: (out) => (out.encoding === 'none' ? [{ type: 'resource_link', uri: out.uri, name: out.key, ...(out.contentType ? { mimeType: out.contentType } : {}), size: out.size }] : []),
  });
}

function fitText(budget: { fitText(text: string): { text: string } }, text: string): { text: string; returned: number } {
  const cut = budget.fitText(text).text;
  return { text: cut, returned: Buffer.byteLength(cut, 'utf8') };
}

function discard(response: GetObjectCommandOutput): { bytes: Buffer } {
  (response.Body as { destroy?: () => void } | undefined)?.destroy?.();
  return { bytes: Buffer.alloc(0) };
}

/** The whole object's size: from Content-Range ("bytes 0-99/1234"), or the length of a whole-object answer. */
function totalSize(response: GetObjectCommandOutput): number {
  const match = /\/(\d+)\s*$/.exec(response.ContentRange ?? '');
  if (match) return Number(match[1]);
  return Number(response.ContentLength ?? 0);
}
