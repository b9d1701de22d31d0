import { GetObjectCommand } from '@aws-sdk/client-s3';
import { ToolError, defineResourceTemplate, type ResourceTemplate } from '@mcpctl/toolkit';
import { decodeUtf8Prefix, readCapped } from './body.js';
import { decodePosition, encodePosition, fetchBatch, type ListPosition } from './listing.js';
import { S3ErrorCode } from './tool-errors.js';
import { objectUri, s3Call } from './tools/common.js';
import type { S3Deps } from './tools/context.js';

/**
 * Allowed objects as resources: `s3://<bucket>/<key>` (key segments
 * percent-encoded), listed page by page across every allowed bucket and
 * prefix, read with their content type (text, or a base64 blob) up to
 * maxObjectBytes.
 */

const PAGE = 500;
const SCOPE = 's3.objects';

export function objectResources(deps: S3Deps): ResourceTemplate {
  const scopes = deps.allow.listScopes(undefined, undefined);
  return defineResourceTemplate({
    uriTemplate: 's3://{bucket}/{+key}',
    name: 'object',
    title: 'S3 object',
    description: `An object in an allowed bucket, read whole (up to ${deps.options.maxObjectBytes} bytes; use get_object for ranges).`,
    async list(cursor, ctx) {
      let position: ListPosition | undefined = decodePosition(cursor, SCOPE, Math.max(1, scopes.length));
      const resources = [];
      while (position && resources.length < PAGE) {
        const batch = await fetchBatch(deps, scopes, position, { maxKeys: PAGE - resources.length, signal: ctx.signal });
        for (const entry of batch.entries) {
          if (entry.kind !== 'object') continue;
          resources.push({ uri: objectUri(entry.bucket, entry.object.key), name: entry.object.key, title: `s3://${entry.bucket}/${entry.object.key}`, size: entry.object.size });
        }
        position = batch.next;
      }
      return { resources, ...(position ? { nextCursor: encodePosition(position, SCOPE) } : {}) };
    },
    async read(uri, variables, ctx) {
      const bucket = String(variables.bucket);
      let key: string;
      try {
        key = decodeURIComponent(String(variables.key));
      } catch {
        throw new ToolError('INVALID_KEY', `${uri} is not a valid s3:// URI (bad percent-encoding)`);
      }
      deps.allow.checkKey(bucket, key, 'read', 'resources/read');
      const max = deps.options.maxObjectBytes;
      const where = objectUri(bucket, key);
      const response = await s3Call(where, () => deps.client.send(new GetObjectCommand({ Bucket: bucket, Key: key }), { abortSignal: ctx.signal }));
      const size = Number(response.ContentLength ?? 0);
      if (size > max) {
        (response.Body as { destroy?: () => void } | undefined)?.destroy?.();
        throw new ToolError(S3ErrorCode.TOO_LARGE, `${where} is ${size} bytes, over maxObjectBytes (${max})`, { hint: 'Read it in ranges with get_object (offset, length), or presign_get a URL.' });
      }
      const { bytes } = await readCapped(response.Body, max, ctx.signal, response.ContentLength);
      const mimeType = response.ContentType ?? 'application/octet-stream';
      const decoded = decodeUtf8Prefix(bytes, false);
      if (decoded !== undefined) return [{ uri, mimeType, text: decoded.text }];
      return [{ uri, mimeType, blob: bytes.toString('base64') }];
    },
  });
}
