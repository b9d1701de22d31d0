import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  UploadPartCopyCommand,
  type CreateMultipartUploadCommandInput,
} from '@aws-sdk/client-s3';
import type { ToolContext } from '@mcpctl/toolkit';
import { copySource, s3Call } from './common.js';
import type { S3Deps } from './context.js';

/** S3's limits for one multipart upload. */
const MAX_PARTS = 10_000;
const MIB = 1024 * 1024;
/** Part copies in flight at once: each is a server-side copy, so this only bounds requests. */
const PARALLEL_PARTS = 4;

export interface ByteRange {
  start: number;
  /** Inclusive, as in `bytes=start-end`. */
  end: number;
}

/**
 * The ranges a copy of `size` bytes is split into: `partSize` each (raised
 * to whole MiB so no more than 10,000 parts are needed), the last shorter.
 */
export function copyRanges(size: number, partSize: number): ByteRange[] {
  const step = Math.max(partSize, Math.ceil(size / MAX_PARTS / MIB) * MIB);
  const ranges: ByteRange[] = [];
  for (let start = 0; start < size; start += step) ranges.push({ start, end: Math.min(size, start + step) - 1 });
  return ranges;
}

export interface MultipartCopy {
  /** The source as it was looked at: every part copy requires this ETag, so a source overwritten mid-copy fails the copy instead of mixing versions. */
  source: { bucket: string; key: string; etag: string; size: number };
  /** The destination object: bucket, key and everything it is created with (content type, metadata, tags…). */
  create: CreateMultipartUploadCommandInput & { Bucket: string; Key: string };
  ifNoneMatch?: '*';
  ifMatch?: string;
  partSize: number;
  /** `source → destination`, for errors. */
  where: string;
}

/**
 * A server-side copy in parts (CreateMultipartUpload, UploadPartCopy with
 * byte ranges, CompleteMultipartUpload), for sources CopyObject cannot take
 * in one request (over 5 GiB). No byte passes through this process. Progress
 * is reported per part; on any failure or cancellation the upload is aborted,
 * so its parts are discarded and no object appears.
 */
export async function copyInParts(deps: S3Deps, copy: MultipartCopy, ctx: ToolContext): Promise<{ etag?: string; versionId?: string; parts: number }> {
  const { client } = deps;
  const { Bucket, Key } = copy.create;
  const ranges = copyRanges(copy.source.size, copy.partSize);
  const created = await s3Call(copy.where, () => client.send(new CreateMultipartUploadCommand(copy.create), { abortSignal: ctx.signal }));
  const UploadId = created.UploadId;
  if (!UploadId) throw new Error(`the store started no multipart upload for ${copy.where}`);
  try {
    const etags: string[] = new Array(ranges.length);
    let next = 0;
    let copied = 0;
    let failed = false;
    const worker = async (): Promise<void> => {
      while (!failed && next < ranges.length) {
        const index = next++;
        const { start, end } = ranges[index]!;
        try {
          const part = await s3Call(copy.where, () =>
            client.send(
              new UploadPartCopyCommand({
                Bucket,
                Key,
                UploadId,
                PartNumber: index + 1,
                CopySource: copySource(copy.source.bucket, copy.source.key),
                CopySourceRange: `bytes=${start}-${end}`,
                CopySourceIfMatch: copy.source.etag,
              }),
              { abortSignal: ctx.signal },
            ),
          );
          etags[index] = part.CopyPartResult?.ETag ?? '';
        } catch (error) {
          failed = true;
          throw error;
        }
        copied += end - start + 1;
        ctx.progress(copied, copy.source.size, `copied ${copied} of ${copy.source.size} bytes (part ${index + 1} of ${ranges.length})`);
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL_PARTS, ranges.length) }, worker));
    const done = await s3Call(copy.where, () =>
      client.send(
        new CompleteMultipartUploadCommand({
          Bucket,
          Key,
          UploadId,
          MultipartUpload: { Parts: etags.map((ETag, index) => ({ ETag, PartNumber: index + 1 })) },
          ...(copy.ifNoneMatch ? { IfNoneMatch: copy.ifNoneMatch } : {}),
          ...(copy.ifMatch ? { IfMatch: copy.ifMatch } : {}),
        }),
        { abortSignal: ctx.signal },
      ),
    );
    return { ...(done.ETag ? { etag: done.ETag } : {}), ...(done.VersionId ? { versionId: done.VersionId } : {}), parts: ranges.length };
  } catch (error) {
    // Not bound to the call's signal: a cancelled copy must still discard its parts.
    await client.send(new AbortMultipartUploadCommand({ Bucket, Key, UploadId })).catch(() => undefined);
    throw error;
  }
}
