import { randomBytes, createHash } from 'node:crypto';
import { GetObjectCommand, GetObjectTaggingCommand, HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, storeEntry, type Connected } from './support/client.js';
import { putMany, startStore, type Store } from './support/stores.js';

/**
 * Every tool against a real s3rver on 127.0.0.1: listing with folders,
 * head with metadata and tags, ranged and capped reads (text and binary),
 * conditional writes, copies, tagging, presigned URLs fetched with fetch(),
 * a 50 MiB multipart upload, deletes (by keys, and by prefix with dry run
 * and confirm), resources.
 */

const BUCKET = 'data-bucket';
const OTHER = 'other-bucket';
let store: Store;
let rw: Connected;
let ro: Connected;

beforeAll(async () => {
  store = await startStore('s3rver');
  await store.createBucket(BUCKET);
  await store.createBucket(OTHER);
  await putMany(store.admin, BUCKET, ['docs/a.txt', 'docs/b.txt', 'docs/sub/c.txt', 'docs/sub/d.md', 'top.txt']);
  await store.admin.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'docs/utf8.txt', Body: 'héllo wörld ✓ 𝄞 end', ContentType: 'text/plain; charset=utf-8', Metadata: { owner: 'ana' } }));
  await store.admin.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'docs/blob.bin', Body: Buffer.from([0, 1, 2, 3, 255, 254, 0, 7]), ContentType: 'application/octet-stream' }));
  await store.admin.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'docs/big.bin', Body: randomBytes(300_000), ContentType: 'application/octet-stream' }));
  await store.admin.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'docs/empty.txt', Body: '', ContentType: 'text/plain' }));
  await store.admin.send(new PutObjectCommand({ Bucket: OTHER, Key: 'secret.txt', Body: 'not for you' }));
  rw = await connect(storeEntry(store, { access: 'destructive', buckets: [{ bucket: BUCKET }], maxObjectBytes: 100_000 }));
  ro = await connect(storeEntry(store, { buckets: [{ bucket: BUCKET, prefix: 'docs/' }] }), 'readonly');
});

afterAll(async () => {
  await rw?.close();
  await ro?.close();
  await store?.stop();
});

const body = async (key: string, bucket = BUCKET) => (await store.admin.send(new GetObjectCommand({ Bucket: bucket, Key: key }))).Body!.transformToString();

describe('tools and annotations', () => {
  it('lists every tool with input and output schemas and honest annotations', async () => {
    const { tools } = await rw.client.listTools();
    const byName = new Map(tools.map((t) => [t.name, t]));
    expect([...byName.keys()].sort()).toEqual(['copy_object', 'delete_object', 'delete_objects', 'get_object', 'head_object', 'list_buckets', 'list_objects', 'presign_get', 'presign_put', 'put_object', 'put_object_tagging', 'search_objects']);
    for (const tool of tools) {
      expect(tool.inputSchema.type).toBe('object');
      expect(tool.outputSchema?.type).toBe('object');
    }
    for (const name of ['list_buckets', 'list_objects', 'head_object', 'get_object', 'search_objects', 'presign_get']) expect(byName.get(name)?.annotations?.readOnlyHint).toBe(true);
    for (const name of ['put_object', 'copy_object', 'put_object_tagging', 'presign_put']) {
      expect(byName.get(name)?.annotations?.readOnlyHint).toBe(false);
      expect(byName.get(name)?.annotations?.destructiveHint).toBe(false);
    }
    for (const name of ['delete_object', 'delete_objects']) expect(byName.get(name)?.annotations?.destructiveHint).toBe(true);
  });
});

describe('reading', () => {
  it('list_buckets shows only the allow-list, with prefixes and access', async () => {
    const out = (await ro.call('list_buckets')).structuredContent as { buckets: Array<{ bucket: string; prefixes: unknown[] }> };
    expect(out.buckets).toEqual([expect.objectContaining({ bucket: BUCKET, prefixes: [{ prefix: 'docs/', access: 'read' }] })]);
  });

  it('list_objects with a delimiter gives folders and objects with size, etag, last-modified, storage class', async () => {
    const result = await rw.call('list_objects', { prefix: 'docs/', delimiter: '/' });
    expect(result.isError, result.text).toBeFalsy();
    const out = result.structuredContent as { objects: Array<Record<string, unknown>>; commonPrefixes: string[]; truncated: boolean };
    expect(out.commonPrefixes).toEqual(['docs/sub/']);
    expect(out.objects.map((o) => o.key)).toEqual(['docs/a.txt', 'docs/b.txt', 'docs/big.bin', 'docs/blob.bin', 'docs/empty.txt', 'docs/utf8.txt']);
    expect(out.objects[0]).toMatchObject({ size: 'body of docs/a.txt'.length, etag: expect.stringMatching(/^".+"$/), lastModified: expect.any(String), storageClass: 'STANDARD' });
    expect(out.truncated).toBe(false);
  });

  it('list_objects pages with opaque cursors bound to their arguments', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const out = (await rw.call('list_objects', { limit: 3, ...(cursor ? { cursor } : {}) })).structuredContent as { objects: Array<{ key: string }>; nextCursor?: string };
      seen.push(...out.objects.map((o) => o.key));
      cursor = out.nextCursor;
      pages++;
    } while (cursor);
    // Nine objects, three a page: the last page has no cursor (no empty page after it).
    expect(pages).toBe(3);
    expect(seen).toHaveLength(9);
    expect(new Set(seen).size).toBe(9);
    const first = (await rw.call('list_objects', { limit: 2 })).structuredContent as { nextCursor: string };
    const reused = await rw.call('list_objects', { limit: 2, prefix: 'docs/', cursor: first.nextCursor });
    expect(reused.code).toBe('INVALID_CURSOR');
    const forged = await rw.call('list_objects', { cursor: 'bm90LWEtY3Vyc29y' });
    expect(forged.code).toBe('INVALID_CURSOR');
  });

  it('read-tier listing of a bucket limited to a prefix lists only that prefix', async () => {
    const out = (await ro.call('list_objects', {})).structuredContent as { objects: Array<{ key: string }> };
    expect(out.objects.every((o) => o.key.startsWith('docs/'))).toBe(true);
    expect(out.objects.map((o) => o.key)).not.toContain('top.txt');
  });

  it('head_object gives metadata, content type and tags', async () => {
    await store.admin.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'docs/tagged.txt', Body: 't', Tagging: 'a=1' }));
    await rw.call('put_object_tagging', { key: 'docs/tagged.txt', tags: { team: 'data', tier: 'gold' } });
    const out = (await ro.call('head_object', { key: 'docs/utf8.txt' })).structuredContent as Record<string, unknown>;
    expect(out).toMatchObject({ bucket: BUCKET, key: 'docs/utf8.txt', uri: `s3://${BUCKET}/docs/utf8.txt`, contentType: 'text/plain; charset=utf-8', metadata: { owner: 'ana' }, size: Buffer.byteLength('héllo wörld ✓ 𝄞 end') });
    const tagged = (await ro.call('head_object', { key: 'docs/tagged.txt' })).structuredContent as Record<string, unknown>;
    expect(tagged.tags).toEqual({ team: 'data', tier: 'gold' });
    const missing = await ro.call('head_object', { key: 'docs/nope' });
    expect(missing.code).toBe('NOT_FOUND');
  });

  it('get_object reads text whole, with the ETag', async () => {
    const out = (await ro.call('get_object', { key: 'docs/utf8.txt' })).structuredContent as Record<string, unknown>;
    expect(out).toMatchObject({ encoding: 'text', text: 'héllo wörld ✓ 𝄞 end', truncated: false, etag: expect.stringMatching(/^"/) });
  });

  it('get_object reads a byte range and cuts on a character boundary under a cap', async () => {
    const ranged = (await ro.call('get_object', { key: 'docs/utf8.txt', offset: 7, length: 5 })).structuredContent as Record<string, unknown>;
    expect(ranged).toMatchObject({ encoding: 'text', text: 'wörl', offset: 7, bytes: 5, truncated: false });
    // 'h' 'é'(2 bytes): a cap of 2 bytes must not split é.
    const capped = (await ro.call('get_object', { key: 'docs/utf8.txt', maxBytes: 2 })).structuredContent as Record<string, unknown>;
    expect(capped).toMatchObject({ text: 'h', bytes: 1, truncated: true, nextOffset: 1 });
    const rest = (await ro.call('get_object', { key: 'docs/utf8.txt', offset: capped.nextOffset as number })).structuredContent as Record<string, unknown>;
    expect(`${capped.text as string}${rest.text as string}`).toBe('héllo wörld ✓ 𝄞 end');
    const emptyResult = await ro.call('get_object', { key: 'docs/empty.txt' });
    const empty = emptyResult.structuredContent as Record<string, unknown>;
    expect(emptyResult.isError, emptyResult.text).toBeFalsy();
    expect(empty).toMatchObject({ text: '', size: 0, truncated: false });
    const beyond = await ro.call('get_object', { key: 'docs/a.txt', offset: 10_000 });
    expect(beyond.code).toBe('INVALID_RANGE');
  });

  it('get_object returns small binary as base64 and large binary as a resource link', async () => {
    const small = (await ro.call('get_object', { key: 'docs/blob.bin' })).structuredContent as Record<string, unknown>;
    expect(small).toMatchObject({ encoding: 'base64', bytes: 8, truncated: false });
    expect(Buffer.from(small.base64 as string, 'base64')).toEqual(Buffer.from([0, 1, 2, 3, 255, 254, 0, 7]));
    const big = await rw.call('get_object', { key: 'docs/big.bin' });
    expect(big.structuredContent).toMatchObject({ encoding: 'none', size: 300_000, truncated: true });
    expect(big.content).toContainEqual(expect.objectContaining({ type: 'resource_link', uri: `s3://${BUCKET}/docs/big.bin` }));
    const range = (await rw.call('get_object', { key: 'docs/big.bin', offset: 1000, length: 64, as: 'base64' })).structuredContent as Record<string, unknown>;
    const direct = Buffer.from(await (await store.admin.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'docs/big.bin', Range: 'bytes=1000-1063' }))).Body!.transformToByteArray());
    expect(Buffer.from(range.base64 as string, 'base64')).toEqual(direct);
  });

  it('search_objects matches globs and substrings across allowed prefixes, paged', async () => {
    const glob = (await rw.call('search_objects', { glob: 'docs/**/*.txt' })).structuredContent as { matches: Array<{ key: string }>; scanned: number };
    expect(glob.matches.map((m) => m.key)).toEqual(['docs/a.txt', 'docs/b.txt', 'docs/empty.txt', 'docs/sub/c.txt', 'docs/tagged.txt', 'docs/utf8.txt']);
    const sub = (await ro.call('search_objects', { contains: 'TOP', ignoreCase: true })).structuredContent as { matches: unknown[] };
    expect(sub.matches).toEqual([]);
    const paged = (await rw.call('search_objects', { contains: '.txt', limit: 2 })).structuredContent as { matches: Array<{ key: string }>; nextCursor: string };
    expect(paged.matches).toHaveLength(2);
    const next = (await rw.call('search_objects', { contains: '.txt', limit: 100, cursor: paged.nextCursor })).structuredContent as { matches: Array<{ key: string }> };
    expect([...paged.matches, ...next.matches].map((m) => m.key)).toContain('top.txt');
    expect(new Set([...paged.matches, ...next.matches].map((m) => m.key)).size).toBe(paged.matches.length + next.matches.length);
  });

  it('presign_get gives a URL that fetch() downloads, bounded in lifetime', async () => {
    const out = (await ro.call('presign_get', { key: 'docs/utf8.txt', expiresSeconds: 60 })).structuredContent as { url: string; expiresSeconds: number };
    expect(out.expiresSeconds).toBe(60);
    const response = await fetch(out.url);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('héllo wörld ✓ 𝄞 end');
    const tooLong = await ro.call('presign_get', { key: 'docs/utf8.txt', expiresSeconds: 3600 });
    expect(tooLong.code).toBe('INVALID_ARGUMENTS');
    expect(tooLong.text).toContain('presignExpiresSeconds');
  });
});

describe('writing', () => {
  it('put_object writes text and base64 with content type and metadata', async () => {
    const text = await rw.call('put_object', { key: 'w/hello.txt', text: 'hello', metadata: { source: 'test' } });
    expect(text.isError, text.text).toBeFalsy();
    expect(text.structuredContent).toMatchObject({ size: 5, multipart: false, parts: 1, etag: expect.any(String) });
    const head = await store.admin.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'w/hello.txt' }));
    expect(head.ContentType).toBe('text/plain; charset=utf-8');
    expect(head.Metadata).toEqual({ source: 'test' });
    expect(await body('w/hello.txt')).toBe('hello');
    await rw.call('put_object', { key: 'w/bin', base64: Buffer.from([9, 8, 7]).toString('base64'), contentType: 'application/x-test' });
    const bin = await store.admin.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'w/bin' }));
    expect(Buffer.from(await bin.Body!.transformToByteArray())).toEqual(Buffer.from([9, 8, 7]));
    expect(bin.ContentType).toBe('application/x-test');
    const bad = await rw.call('put_object', { key: 'w/bad', base64: 'not base64!' });
    expect(bad.code).toBe('INVALID_ARGUMENTS');
  });

  it('conditional writes: create-only and optimistic updates', async () => {
    const created = await rw.call('put_object', { key: 'w/cond.txt', text: 'v1', ifNoneMatch: '*' });
    expect(created.isError, created.text).toBeFalsy();
    const again = await rw.call('put_object', { key: 'w/cond.txt', text: 'v2', ifNoneMatch: '*' });
    expect(again.code).toBe('PRECONDITION_FAILED');
    expect(await body('w/cond.txt')).toBe('v1');
    const etag = (created.structuredContent as { etag: string }).etag;
    const stale = await rw.call('put_object', { key: 'w/cond.txt', text: 'v2', ifMatch: '"0123456789abcdef0123456789abcdef"' });
    expect(stale.code).toBe('PRECONDITION_FAILED');
    expect(await body('w/cond.txt')).toBe('v1');
    const updated = await rw.call('put_object', { key: 'w/cond.txt', text: 'v2', ifMatch: etag });
    expect(updated.isError, updated.text).toBeFalsy();
    expect(await body('w/cond.txt')).toBe('v2');
    const reuse = await rw.call('put_object', { key: 'w/cond.txt', text: 'v3', ifMatch: etag });
    expect(reuse.code).toBe('PRECONDITION_FAILED');
    const absent = await rw.call('put_object', { key: 'w/absent.txt', text: 'x', ifMatch: etag });
    expect(absent.code).toBe('PRECONDITION_FAILED');
  });

  it('copy_object copies within the allow-list, keeping or replacing metadata', async () => {
    const out = await rw.call('copy_object', { sourceKey: 'docs/utf8.txt', key: 'w/copy.txt' });
    expect(out.isError, out.text).toBeFalsy();
    expect(await body('w/copy.txt')).toBe('héllo wörld ✓ 𝄞 end');
    const replaced = await rw.call('copy_object', { sourceKey: 'docs/utf8.txt', key: 'w/copy2.txt', contentType: 'text/markdown', metadata: { k: 'v' } });
    expect(replaced.isError, replaced.text).toBeFalsy();
    const head = await store.admin.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'w/copy2.txt' }));
    expect(head.ContentType).toBe('text/markdown');
    expect(head.Metadata).toEqual({ k: 'v' });
    const exists = await rw.call('copy_object', { sourceKey: 'docs/a.txt', key: 'w/copy.txt', ifNoneMatch: '*' });
    expect(exists.code).toBe('PRECONDITION_FAILED');
  });

  it('put_object_tagging replaces the tag set', async () => {
    await rw.call('put_object_tagging', { key: 'w/hello.txt', tags: { a: '1', b: '2' } });
    const tags = await store.admin.send(new GetObjectTaggingCommand({ Bucket: BUCKET, Key: 'w/hello.txt' }));
    expect(Object.fromEntries((tags.TagSet ?? []).map((t) => [t.Key, t.Value]))).toEqual({ a: '1', b: '2' });
    const missing = await rw.call('put_object_tagging', { key: 'w/none', tags: {} });
    expect(missing.code).toBe('NOT_FOUND');
  });

  it('presign_put gives a URL that fetch() uploads with', async () => {
    const out = (await rw.call('presign_put', { key: 'w/presigned.txt', contentType: 'text/plain' })).structuredContent as { url: string; headers: Record<string, string> };
    const response = await fetch(out.url, { method: 'PUT', body: 'via presigned url', headers: out.headers });
    expect(response.status).toBe(200);
    expect(await body('w/presigned.txt')).toBe('via presigned url');
  });

  it('put_object of 50 MiB goes up in parts, with progress, and arrives intact', async () => {
    const data = randomBytes(50 * 1024 * 1024);
    const progress: number[] = [];
    const result = await rw.call('put_object', { key: 'w/large.bin', base64: data.toString('base64') }, { onprogress: (p) => progress.push(p.progress) });
    expect(result.isError, result.text).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ size: data.length, multipart: true, parts: 7 });
    expect(progress.length).toBeGreaterThan(0);
    const stored = await store.admin.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'w/large.bin' }));
    const hash = createHash('sha256');
    for await (const chunk of stored.Body as AsyncIterable<Uint8Array>) hash.update(chunk);
    expect(hash.digest('hex')).toBe(createHash('sha256').update(data).digest('hex'));
  }, 120_000);

  it('refuses a body over maxPutBytes before sending anything', async () => {
    const small = await connect(storeEntry(store, { access: 'write', buckets: [{ bucket: BUCKET }], maxPutBytes: 10 }), 'small');
    try {
      const result = await small.call('put_object', { key: 'w/too-big.txt', text: 'x'.repeat(11) });
      expect(result.code).toBe('TOO_LARGE');
      expect(result.text).toContain('maxPutBytes');
      await expect(store.admin.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'w/too-big.txt' }))).rejects.toThrow();
    } finally {
      await small.close();
    }
  });
});

describe('deleting', () => {
  it('delete_object deletes one object and says whether it existed', async () => {
    await rw.call('put_object', { key: 'del/one.txt', text: '1' });
    expect((await rw.call('delete_object', { key: 'del/one.txt' })).structuredContent).toMatchObject({ existed: true });
    expect((await rw.call('delete_object', { key: 'del/one.txt' })).structuredContent).toMatchObject({ existed: false });
    await expect(store.admin.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'del/one.txt' }))).rejects.toThrow();
  });

  it('delete_objects deletes by keys, reporting each', async () => {
    // s3rver answers 500 when a batch delete empties a folder, so one object stays (fauxqs covers prefix deletes).
    await putMany(store.admin, BUCKET, ['del/k1', 'del/k2', 'del/keep']);
    const byKeys = (await rw.call('delete_objects', { keys: ['del/k1', 'del/k2'] })).structuredContent as { deleted: number; keys: string[] };
    expect(byKeys.deleted).toBe(2);
    expect(byKeys.keys.sort()).toEqual(['del/k1', 'del/k2']);
    const left = (await rw.call('list_objects', { prefix: 'del/' })).structuredContent as { objects: Array<{ key: string }> };
    expect(left.objects.map((o) => o.key)).toEqual(['del/keep']);
  });
});

describe('resources', () => {
  it('lists allowed objects as s3:// resources and reads them with their content type', async () => {
    const { resources } = await ro.client.listResources();
    expect(resources.length).toBeGreaterThan(0);
    expect(resources.every((r) => r.uri.startsWith(`s3://${BUCKET}/docs/`))).toBe(true);
    const { resourceTemplates } = await ro.client.listResourceTemplates();
    expect(resourceTemplates.map((t) => t.uriTemplate)).toEqual(['s3://{bucket}/{+key}']);
    const text = await ro.client.readResource({ uri: `s3://${BUCKET}/docs/utf8.txt` });
    expect(text.contents[0]).toMatchObject({ mimeType: 'text/plain; charset=utf-8', text: 'héllo wörld ✓ 𝄞 end' });
    const blob = await ro.client.readResource({ uri: `s3://${BUCKET}/docs/blob.bin` });
    expect(Buffer.from((blob.contents[0] as { blob: string }).blob, 'base64')).toEqual(Buffer.from([0, 1, 2, 3, 255, 254, 0, 7]));
    await expect(ro.client.readResource({ uri: `s3://${BUCKET}/top.txt` })).rejects.toThrow(/outside the allowed prefixes/);
    await expect(ro.client.readResource({ uri: `s3://${OTHER}/secret.txt` })).rejects.toThrow(/not in the allow-list/);
  });
});
