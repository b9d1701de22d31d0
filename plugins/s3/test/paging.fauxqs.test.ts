import { createHash, randomBytes } from 'node:crypto';
import { GetObjectCommand, HeadObjectCommand, ListMultipartUploadsCommand } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, storeEntry, type Connected } from './support/client.js';
import { putMany, startStore, type Store } from './support/stores.js';

/**
 * Against fauxqs, whose paging and multipart abort are right: paging over
 * 10,000 objects (list_objects, search_objects with its bounded scan, the
 * resource list), deleting by prefix with dry run and confirm, a
 * cancelled 50 MiB multipart upload that leaves no upload and no object, and
 * copy_object in parts (UploadPartCopy with byte ranges; the thresholds are
 * lowered to 5 MiB so that a few MiB stand for the > 5 GiB objects that need it).
 */

const BUCKET = 'many-objects';
const COUNT = 10_000;
const keyOf = (i: number) => `items/${String(i).padStart(5, '0')}.txt`;
let store: Store;
let s3: Connected;

beforeAll(async () => {
  store = await startStore('fauxqs');
  await store.createBucket(BUCKET);
  await putMany(store.admin, BUCKET, Array.from({ length: COUNT }, (_, i) => keyOf(i)), (key) => key, 64);
  await putMany(store.admin, BUCKET, ['other/a', 'other/b']);
  s3 = await connect(storeEntry(store, { access: 'destructive', buckets: [{ bucket: BUCKET, prefix: 'items/' }, { bucket: BUCKET, prefix: 'trash/' }], searchMaxKeys: 2500 }));
}, 120_000);

afterAll(async () => {
  await s3?.close();
  await store?.stop();
});

describe('paging over 10,000 objects', () => {
  it('list_objects walks every key once, in order, page by page', async () => {
    const keys: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const result = await s3.call('list_objects', { prefix: 'items/', limit: 1000, ...(cursor ? { cursor } : {}) });
      expect(result.isError, result.text).toBeFalsy();
      const out = result.structuredContent as { objects: Array<{ key: string }>; nextCursor?: string; truncated: boolean };
      keys.push(...out.objects.map((o) => o.key));
      expect(out.truncated).toBe(out.nextCursor !== undefined);
      cursor = out.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(10);
    expect(keys).toEqual(Array.from({ length: COUNT }, (_, i) => keyOf(i)));
  });

  it('a page cut by the byte budget resumes exactly where it stopped', async () => {
    const small = await connect(storeEntry(store, { buckets: [{ bucket: BUCKET, prefix: 'items/' }], maxResultBytes: 8192 }), 'small');
    try {
      const keys: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const out = (await small.call('list_objects', { limit: 1000, ...(cursor ? { cursor } : {}) })).structuredContent as { objects: Array<{ key: string }>; nextCursor?: string };
        expect(out.objects.length).toBeLessThan(1000);
        keys.push(...out.objects.map((o) => o.key));
        cursor = out.nextCursor;
        pages++;
      } while (cursor && pages < 10);
      expect(keys).toEqual(Array.from({ length: keys.length }, (_, i) => keyOf(i)));
    } finally {
      await small.close();
    }
  });

  it('search_objects scans at most searchMaxKeys per call and continues with the cursor', async () => {
    const matches: string[] = [];
    let cursor: string | undefined;
    let calls = 0;
    do {
      const out = (await s3.call('search_objects', { glob: 'items/*7.txt', limit: 1000, ...(cursor ? { cursor } : {}) })).structuredContent as { matches: Array<{ key: string }>; scanned: number; nextCursor?: string; scanLimitReached: boolean };
      expect(out.scanned).toBeLessThanOrEqual(2500);
      if (out.nextCursor) expect(out.scanLimitReached).toBe(true);
      matches.push(...out.matches.map((m) => m.key));
      cursor = out.nextCursor;
      calls++;
    } while (cursor);
    expect(calls).toBe(4);
    expect(matches).toEqual(Array.from({ length: COUNT }, (_, i) => keyOf(i)).filter((k) => k.endsWith('7.txt')));
  });

  it('resources/list pages across the allowed prefixes', async () => {
    let cursor: string | undefined;
    let count = 0;
    do {
      const page = await s3.client.listResources(cursor ? { cursor } : {});
      count += page.resources.length;
      expect(page.resources.every((r) => r.uri.startsWith(`s3://${BUCKET}/items/`))).toBe(true);
      cursor = page.nextCursor;
    } while (cursor);
    expect(count).toBe(COUNT);
  });
});

describe('delete by prefix', () => {
  it('deletes only after a dry run count is confirmed, and stays inside the allow-list', async () => {
    await putMany(store.admin, BUCKET, Array.from({ length: 1500 }, (_, i) => `trash/${i}`));
    const dry = (await s3.call('delete_objects', { prefix: 'trash/', dryRun: true })).structuredContent as { count: number; keys: string[] };
    expect(dry.count).toBe(1500);
    expect(dry.keys).toHaveLength(20);
    expect((await s3.call('delete_objects', { prefix: 'trash/' })).code).toBe('INVALID_ARGUMENTS');
    await putMany(store.admin, BUCKET, ['trash/late']);
    expect((await s3.call('delete_objects', { prefix: 'trash/', confirm: 1500 })).code).toBe('CONFIRM_MISMATCH');
    const done = await s3.call('delete_objects', { prefix: 'trash/', confirm: 1501 });
    expect(done.isError, done.text).toBeFalsy();
    expect(done.structuredContent).toMatchObject({ count: 1501, deleted: 1501, errors: [] });
    expect(((await s3.call('list_objects', { prefix: 'trash/' })).structuredContent as { objects: unknown[] }).objects).toEqual([]);
    const outside = await s3.call('delete_objects', { prefix: 'other/', dryRun: true });
    expect(outside.code).toBe('KEY_NOT_ALLOWED');
    await expect(store.admin.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'other/a' }))).resolves.toMatchObject({ $metadata: { httpStatusCode: 200 } });
  });
});

describe('multipart upload', () => {
  it('a cancelled 50 MiB upload is aborted: no upload and no object remain', async () => {
    const data = randomBytes(50 * 1024 * 1024).toString('base64');
    const controller = new AbortController();
    const call = s3.call('put_object', { key: 'items/cancelled.bin', base64: data }, { signal: controller.signal, onprogress: () => controller.abort() });
    await expect(call).rejects.toThrow();
    await expectAborted('items/cancelled.bin');
  }, 60_000);

  it('a 50 MiB upload completes in parts', async () => {
    const data = randomBytes(50 * 1024 * 1024);
    const result = await s3.call('put_object', { key: 'items/whole.bin', base64: data.toString('base64') });
    expect(result.isError, result.text).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ multipart: true, parts: 7, size: data.length });
    const head = await store.admin.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'items/whole.bin' }));
    expect(head.ContentLength).toBe(data.length);
  }, 60_000);
});

describe('copy_object in parts', () => {
  const MIB = 1024 * 1024;
  const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
  let parted: Connected;
  let source: Buffer;
  beforeAll(async () => {
    parted = await connect(storeEntry(store, { access: 'write', buckets: [{ bucket: BUCKET, prefix: 'items/' }], copyThresholdBytes: 5 * MIB, copyPartSizeBytes: 5 * MIB }), 'parted');
    source = randomBytes(12 * MIB + 123);
    // fauxqs takes bodies over a few MiB only in parts. No tags: its PutObjectTagging replaces the
    // object's body and it ignores x-amz-tagging on CreateMultipartUpload (the unit test covers tags).
    await new Upload({
      client: store.admin,
      partSize: 5 * MIB,
      params: { Bucket: BUCKET, Key: 'items/big-source.bin', Body: source, ContentType: 'application/x-test', CacheControl: 'max-age=60', Metadata: { origin: 'fixture' } },
    }).done();
  });
  afterAll(async () => {
    await parted?.close();
  });

  it('copies a source over the threshold in parts, byte for byte, keeping its metadata, with progress', async () => {
    const progress: number[] = [];
    const result = await parted.call('copy_object', { sourceKey: 'items/big-source.bin', key: 'items/big-copy.bin' }, { onprogress: (p) => progress.push(p.progress) });
    expect(result.isError, result.text).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ multipart: true, parts: 3, size: source.length, uri: `s3://${BUCKET}/items/big-copy.bin` });
    expect(progress.at(-1)).toBe(source.length);
    const copy = await store.admin.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'items/big-copy.bin' }));
    expect(sha256(await copy.Body!.transformToByteArray())).toBe(sha256(source));
    expect(copy.ContentType).toBe('application/x-test');
    expect(copy.CacheControl).toBe('max-age=60');
    expect(copy.Metadata).toEqual({ origin: 'fixture' });
  }, 60_000);

  it('replaces the metadata when asked, and a source under the threshold still goes in one request', async () => {
    const replaced = await parted.call('copy_object', { sourceKey: 'items/big-source.bin', key: 'items/big-replaced.bin', contentType: 'text/plain', metadata: { k: 'v' } });
    expect(replaced.structuredContent).toMatchObject({ multipart: true, parts: 3 });
    const head = await store.admin.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'items/big-replaced.bin' }));
    expect(head.ContentType).toBe('text/plain');
    expect(head.Metadata).toEqual({ k: 'v' });
    const small = await parted.call('copy_object', { sourceKey: keyOf(1), key: 'items/small-copy.txt' });
    expect(small.structuredContent).toMatchObject({ multipart: false, parts: 1, size: keyOf(1).length });
  }, 60_000);

  it('refuses a destination that exists under ifNoneMatch before copying anything', async () => {
    const exists = await parted.call('copy_object', { sourceKey: 'items/big-source.bin', key: 'items/big-copy.bin', ifNoneMatch: '*' });
    expect(exists.code).toBe('PRECONDITION_FAILED');
    expect(((await store.admin.send(new ListMultipartUploadsCommand({ Bucket: BUCKET }))).Uploads ?? []).length).toBe(0);
  });

  it('a cancelled copy is aborted: no upload and no object remain', async () => {
    await new Upload({ client: store.admin, partSize: 5 * MIB, params: { Bucket: BUCKET, Key: 'items/bigger-source.bin', Body: randomBytes(60 * MIB) } }).done();
    const controller = new AbortController();
    const call = parted.call('copy_object', { sourceKey: 'items/bigger-source.bin', key: 'items/cancelled-copy.bin' }, { signal: controller.signal, onprogress: () => controller.abort() });
    await expect(call).rejects.toThrow();
    await expectAborted('items/cancelled-copy.bin');
  }, 60_000);
});

/** A cancelled multipart upload or copy left neither an incomplete upload (aborting may finish a moment later) nor an object. */
async function expectAborted(key: string): Promise<void> {
  let uploads = 1;
  for (let i = 0; i < 100 && uploads > 0; i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    uploads = ((await store.admin.send(new ListMultipartUploadsCommand({ Bucket: BUCKET }))).Uploads ?? []).length;
  }
  expect(uploads).toBe(0);
  await expect(store.admin.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }))).rejects.toThrow();
}
