import { describe, expect, it } from 'vitest';
import type { ToolContext } from '@mcpctl/toolkit';
import type { S3Deps } from '../src/tools/context.js';
import { copyInParts, copyRanges } from '../src/tools/multipart-copy.js';

/**
 * The copy-in-parts protocol against a recording client: what each request
 * carries (the source's ETag on every part, byte ranges, tags and metadata on
 * the upload's creation, conditions on its completion) and what happens on a
 * failure. The end-to-end copy runs against fauxqs in paging.fauxqs.test.ts.
 */

const MIB = 1024 * 1024;

interface Sent {
  command: string;
  input: Record<string, unknown>;
}

function recordingDeps(fail?: (sent: Sent) => boolean): { deps: S3Deps; sent: Sent[] } {
  const sent: Sent[] = [];
  const client = {
    async send(command: { constructor: { name: string }; input: Record<string, unknown> }) {
      const entry = { command: command.constructor.name.replace(/Command$/, ''), input: command.input };
      sent.push(entry);
      await new Promise((resolve) => setTimeout(resolve, 1));
      if (fail?.(entry)) throw Object.assign(new Error('part failed'), { name: 'InternalError', $metadata: { httpStatusCode: 500 } });
      if (entry.command === 'CreateMultipartUpload') return { UploadId: 'upload-1' };
      if (entry.command === 'UploadPartCopy') return { CopyPartResult: { ETag: `"part-${String(entry.input.PartNumber)}"` } };
      if (entry.command === 'CompleteMultipartUpload') return { ETag: '"whole-3"', VersionId: 'v1' };
      return {};
    },
  };
  return { deps: { client } as unknown as S3Deps, sent };
}

function context(progress: Array<[number, number | undefined]> = []): ToolContext {
  return { signal: new AbortController().signal, progress: (done: number, total?: number) => progress.push([done, total]) } as unknown as ToolContext;
}

const copy = {
  source: { bucket: 'src-bucket', key: 'big/source.bin', etag: '"source-etag"', size: 12 * MIB + 123 },
  create: { Bucket: 'dst-bucket', Key: 'big/copy.bin', ContentType: 'application/x-test', Metadata: { origin: 'fixture' }, Tagging: 'team=storage' },
  ifNoneMatch: '*' as const,
  partSize: 5 * MIB,
  where: 's3://src-bucket/big/source.bin → s3://dst-bucket/big/copy.bin',
};

describe('copyRanges', () => {
  it('splits into part-size ranges, the last one shorter, covering every byte once', () => {
    expect(copyRanges(12 * MIB + 123, 5 * MIB)).toEqual([
      { start: 0, end: 5 * MIB - 1 },
      { start: 5 * MIB, end: 10 * MIB - 1 },
      { start: 10 * MIB, end: 12 * MIB + 122 },
    ]);
  });

  it('raises the part size so that a 5 TiB object needs no more than 10,000 parts', () => {
    const size = 5 * 1024 * 1024 * MIB;
    const ranges = copyRanges(size, 5 * MIB);
    expect(ranges.length).toBeLessThanOrEqual(10_000);
    expect(ranges.at(-1)!.end).toBe(size - 1);
    expect((ranges[0]!.end + 1) % MIB).toBe(0);
  });
});

describe('copyInParts', () => {
  it('creates the upload with the kept headers and tags, pins every part to the source ETag, and completes in order under the condition', async () => {
    const { deps, sent } = recordingDeps();
    const progress: Array<[number, number | undefined]> = [];
    const result = await copyInParts(deps, copy, context(progress));
    expect(result).toEqual({ etag: '"whole-3"', versionId: 'v1', parts: 3 });
    expect(sent[0]).toEqual({ command: 'CreateMultipartUpload', input: copy.create });
    const parts = sent.filter((entry) => entry.command === 'UploadPartCopy');
    expect(parts.map((entry) => entry.input.CopySourceRange)).toEqual([`bytes=0-${5 * MIB - 1}`, `bytes=${5 * MIB}-${10 * MIB - 1}`, `bytes=${10 * MIB}-${12 * MIB + 122}`]);
    for (const entry of parts) expect(entry.input).toMatchObject({ Bucket: 'dst-bucket', Key: 'big/copy.bin', UploadId: 'upload-1', CopySource: 'src-bucket/big/source.bin', CopySourceIfMatch: '"source-etag"' });
    expect(sent.at(-1)).toEqual({
      command: 'CompleteMultipartUpload',
      input: { Bucket: 'dst-bucket', Key: 'big/copy.bin', UploadId: 'upload-1', IfNoneMatch: '*', MultipartUpload: { Parts: [1, 2, 3].map((n) => ({ ETag: `"part-${n}"`, PartNumber: n })) } },
    });
    expect(progress.at(-1)).toEqual([copy.source.size, copy.source.size]);
  });

  it('on a failed part starts no further part, aborts the upload and reports the error', async () => {
    const { deps, sent } = recordingDeps((entry) => entry.command === 'UploadPartCopy' && entry.input.PartNumber === 1);
    const many = { ...copy, source: { ...copy.source, size: 40 * MIB } };
    await expect(copyInParts(deps, many, context())).rejects.toMatchObject({ code: 'S3_ERROR' });
    const parts = sent.filter((entry) => entry.command === 'UploadPartCopy').map((entry) => entry.input.PartNumber);
    // Four were in flight when the first failed; none of parts 5–8 was started.
    expect(parts).toEqual([1, 2, 3, 4]);
    expect(sent.some((entry) => entry.command === 'CompleteMultipartUpload')).toBe(false);
    expect(sent.at(-1)).toEqual({ command: 'AbortMultipartUpload', input: { Bucket: 'dst-bucket', Key: 'big/copy.bin', UploadId: 'upload-1' } });
  });
});
