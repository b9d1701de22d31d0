import { CopyObjectCommand, GetObjectTaggingCommand, HeadObjectCommand, type HeadObjectCommandOutput } from '@aws-sdk/client-s3';
import { ToolError, ToolErrorCode, defineTool, type Tool } from '@mcpctl/toolkit';
import { bucketProperty, compact, copySource, etagProperty, isoDate, keyProperty, objectUri, resolveBucket, s3Call } from './common.js';
import { checkConditions, conditionProperties, type WriteConditions } from './conditions.js';
import type { S3Deps } from './context.js';
import { copyInParts } from './multipart-copy.js';

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
  size: number;
  multipart: boolean;
  parts: number;
  etag?: string;
  versionId?: string;
  lastModified?: string;
  tagsUnavailable?: string;
}

export function copyObjectTool(deps: S3Deps): Tool {
  return defineTool<Input, Output>({
    name: 'copy_object',
    title: 'Copy an object',
    description:
      'Copy an object inside the store (no bytes pass through this server). The source must be readable and the destination writable under the allow-list. Metadata and tags are kept unless contentType or metadata is given (then the metadata is replaced). Sources over copyThresholdBytes (5 GiB, S3\'s limit for one CopyObject) are copied in parts with progress, every part pinned to the source\'s ETag; a failed or cancelled copy is aborted and leaves no object. ifNoneMatch / ifMatch guard the destination; sourceIfMatch the source.',
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
        size: { type: 'integer', minimum: 0, description: 'Bytes copied' },
        multipart: { type: 'boolean', description: 'Copied in parts (UploadPartCopy) rather than with one CopyObject' },
        parts: { type: 'integer', minimum: 1 },
        etag: etagProperty,
        versionId: { type: 'string' },
        lastModified: { type: 'string', format: 'date-time' },
        tagsUnavailable: { type: 'string', description: 'Why the source\'s tags are not on a copy made in parts (the store refused to read them)' },
      },
      required: ['source', 'bucket', 'key', 'uri', 'size', 'multipart', 'parts'],
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
      const head = await s3Call(source, () =>
        deps.client.send(new HeadObjectCommand({ Bucket: sourceBucket, Key: input.sourceKey, ...(input.sourceIfMatch ? { IfMatch: input.sourceIfMatch } : {}) }), { abortSignal: ctx.signal }),
      );
      const size = Number(head.ContentLength ?? 0);
      await checkConditions(deps, bucket, input.key, uri, input, ctx.signal);
      const replace = input.contentType !== undefined || input.metadata !== undefined;
      if (size > deps.options.copyThresholdBytes) {
        const tagging = replace ? {} : await sourceTags(deps, sourceBucket, input.sourceKey, ctx.signal);
        const copied = await copyInParts(deps, {
          source: { bucket: sourceBucket, key: input.sourceKey, etag: head.ETag ?? '', size },
          create: {
            Bucket: bucket,
            Key: input.key,
            ...(replace ? { ...(input.contentType ? { ContentType: input.contentType } : {}), Metadata: input.metadata ?? {} } : keptHeaders(head)),
            // With the upload's creation (x-amz-tagging), so the copy never exists without them.
            ...(tagging.tags ? { Tagging: tagging.tags } : {}),
          },
          ...(input.ifNoneMatch ? { ifNoneMatch: input.ifNoneMatch } : {}),
          ...(input.ifMatch ? { ifMatch: input.ifMatch } : {}),
          partSize: deps.options.copyPartSizeBytes,
          where: `${source} → ${uri}`,
        }, ctx);
        return compact({ source, bucket, key: input.key, uri, size, multipart: true, parts: copied.parts, etag: copied.etag, versionId: copied.versionId, tagsUnavailable: tagging.unavailable });
      }
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
      return compact({ source, bucket, key: input.key, uri, size, multipart: false, parts: 1, etag: result.CopyObjectResult?.ETag, versionId: result.VersionId, lastModified: isoDate(result.CopyObjectResult?.LastModified) });
    },
    render: (out) => `copied ${out.source} → ${out.uri} (${out.size} bytes${out.multipart ? ` in ${out.parts} parts` : ''}${out.etag ? `, ETag ${out.etag}` : ''})${out.tagsUnavailable ? `; tags not copied: ${out.tagsUnavailable}` : ''}`,
  });
}

/** What a one-request copy keeps of the source besides its bytes, for a copy in parts (which starts from nothing). */
function keptHeaders(head: HeadObjectCommandOutput): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries({
      ContentType: head.ContentType,
      ContentEncoding: head.ContentEncoding,
      ContentDisposition: head.ContentDisposition,
      ContentLanguage: head.ContentLanguage,
      CacheControl: head.CacheControl,
      Expires: head.Expires,
      Metadata: head.Metadata,
    }).filter(([, value]) => value !== undefined),
  );
}

/** The source's tags as an x-amz-tagging value (CopyObject copies them by default), or why they could not be read. */
async function sourceTags(deps: S3Deps, bucket: string, key: string, signal: AbortSignal): Promise<{ tags?: string; unavailable?: string }> {
  try {
    const tagging = await deps.client.send(new GetObjectTaggingCommand({ Bucket: bucket, Key: key }), { abortSignal: signal });
    const set = tagging.TagSet ?? [];
    return set.length === 0 ? {} : { tags: new URLSearchParams(set.map((tag): [string, string] => [tag.Key ?? '', tag.Value ?? ''])).toString() };
  } catch (error) {
    if (signal.aborted) throw error;
    return { unavailable: (error as { name?: string }).name ?? 'error' };
  }
}
