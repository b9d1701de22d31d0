import { CopyObjectCommand, CreateBucketCommand, CreateMultipartUploadCommand, DeleteBucketCommand, DeleteObjectCommand, DeleteObjectsCommand, GetObjectCommand, PutBucketPolicyCommand, PutObjectAclCommand, PutObjectCommand, PutObjectTaggingCommand, UploadPartCopyCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AllowList } from '../src/allow-list.js';
import { createS3Client } from '../src/client.js';
import { normalizeOptions } from '../src/options.js';
import { connect, storeEntry, type Connected } from './support/client.js';
import { snapshot, startStore, type Store } from './support/stores.js';

/**
 * The attack corpus: prefix escapes, ".." and encoded keys, copies from
 * disallowed buckets and keys, presigning disallowed keys, every write and
 * delete in the read tier (through the tools, and straight through the
 * guarded S3 client as a buggy tool would), bucket-level operations and
 * oversized bodies. After every case both buckets are listed and hashed:
 * nothing may have changed, and no byte of a disallowed object may appear in
 * what came back.
 */

const ALLOWED = 'allowed-bkt';
const FORBIDDEN = 'forbidden-bkt';
const SECRET = 'TOP-SECRET-7f3a9c';
let store: Store;
let ro: Connected;
let rw: Connected;
let del: Connected;
let lowered: Connected;
let tiny: Connected;
let before: string;

/** Requests that actually left the guarded client (recorded after signing). */
const sent: string[] = [];

function guardedClient(access: 'read' | 'write' | 'destructive'): S3Client {
  const options = normalizeOptions(storeEntry(store, { access, buckets: [{ bucket: ALLOWED, prefix: 'reports/' }] }), 'attack');
  const client = createS3Client(options, new AllowList(options.buckets, options.access, 'attack'));
  client.middlewareStack.add((next) => async (args) => {
    sent.push(`${(args.request as { method: string }).method} ${(args.request as { path: string }).path}`);
    return next(args);
  }, { step: 'finalizeRequest', priority: 'low', name: 'recordSent' });
  return client;
}

async function state(): Promise<string> {
  const all = { allowed: [...(await snapshot(store.admin, ALLOWED))], forbidden: [...(await snapshot(store.admin, FORBIDDEN))] };
  return JSON.stringify(all);
}

beforeAll(async () => {
  store = await startStore('s3rver');
  await store.createBucket(ALLOWED);
  await store.createBucket(FORBIDDEN);
  const put = (bucket: string, key: string, body: string) => store.admin.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
  await put(ALLOWED, 'reports/q1.txt', 'quarterly numbers');
  await put(ALLOWED, 'reports/q2.txt', 'more numbers');
  await put(ALLOWED, 'reports-evil/x.txt', `${SECRET} evil twin`);
  await put(ALLOWED, 'private/secret.txt', `${SECRET} private`);
  await put(ALLOWED, 'reportsecret.txt', `${SECRET} no slash`);
  await put(FORBIDDEN, 'secret.txt', `${SECRET} other bucket`);
  await put(FORBIDDEN, 'reports/q1.txt', `${SECRET} same key other bucket`);
  const grant = [{ bucket: ALLOWED, prefix: 'reports/' }];
  ro = await connect(storeEntry(store, { access: 'read', buckets: grant }), 'ro');
  rw = await connect(storeEntry(store, { access: 'write', buckets: grant }), 'rw');
  del = await connect(storeEntry(store, { access: 'destructive', buckets: grant }), 'del');
  lowered = await connect(storeEntry(store, { access: 'destructive', buckets: [{ bucket: ALLOWED, prefix: 'reports/', access: 'read' }] }), 'lowered');
  tiny = await connect(storeEntry(store, { access: 'write', buckets: grant, maxPutBytes: 1024 }), 'tiny');
  before = await state();
}, 60_000);

afterAll(async () => {
  for (const c of [ro, rw, del, lowered, tiny]) await c?.close();
  await store?.stop();
});

type ToolCase = [label: string, server: () => Connected, tool: string, args: Record<string, unknown>, code: string];

const toolCases: ToolCase[] = [
  // Writes and deletes through every tool in the read tier.
  ['read tier: put_object', () => ro, 'put_object', { key: 'reports/new.txt', text: 'x' }, 'ACCESS_DENIED'],
  ['read tier: put_object create-only', () => ro, 'put_object', { key: 'reports/new.txt', text: 'x', ifNoneMatch: '*' }, 'ACCESS_DENIED'],
  ['read tier: copy_object', () => ro, 'copy_object', { sourceKey: 'reports/q1.txt', key: 'reports/copy.txt' }, 'ACCESS_DENIED'],
  ['read tier: put_object_tagging', () => ro, 'put_object_tagging', { key: 'reports/q1.txt', tags: { a: 'b' } }, 'ACCESS_DENIED'],
  ['read tier: presign_put', () => ro, 'presign_put', { key: 'reports/q1.txt' }, 'ACCESS_DENIED'],
  ['read tier: delete_object', () => ro, 'delete_object', { key: 'reports/q1.txt' }, 'ACCESS_DENIED'],
  ['read tier: delete_objects by keys', () => ro, 'delete_objects', { keys: ['reports/q1.txt'] }, 'ACCESS_DENIED'],
  ['read tier: delete_objects by prefix', () => ro, 'delete_objects', { prefix: 'reports/', confirm: 2 }, 'ACCESS_DENIED'],
  ['write tier: delete_object', () => rw, 'delete_object', { key: 'reports/q1.txt' }, 'ACCESS_DENIED'],
  ['write tier: delete_objects', () => rw, 'delete_objects', { keys: ['reports/q1.txt', 'reports/q2.txt'] }, 'ACCESS_DENIED'],
  ['bucket access read under a destructive entry: put_object', () => lowered, 'put_object', { key: 'reports/new.txt', text: 'x' }, 'ACCESS_DENIED'],
  ['bucket access read under a destructive entry: delete_object', () => lowered, 'delete_object', { key: 'reports/q1.txt' }, 'ACCESS_DENIED'],
  // Prefix escapes.
  ['get_object of a sibling prefix (reports-evil/)', () => ro, 'get_object', { key: 'reports-evil/x.txt' }, 'KEY_NOT_ALLOWED'],
  ['get_object of a key sharing the prefix without its slash', () => ro, 'get_object', { key: 'reportsecret.txt' }, 'KEY_NOT_ALLOWED'],
  ['get_object of another folder', () => ro, 'get_object', { key: 'private/secret.txt' }, 'KEY_NOT_ALLOWED'],
  ['get_object with a leading slash', () => ro, 'get_object', { key: '/reports/q1.txt' }, 'KEY_NOT_ALLOWED'],
  ['get_object with other letter case', () => ro, 'get_object', { key: 'Reports/q1.txt' }, 'KEY_NOT_ALLOWED'],
  ['head_object of another folder', () => ro, 'head_object', { key: 'private/secret.txt' }, 'KEY_NOT_ALLOWED'],
  ['list_objects of a sibling prefix', () => ro, 'list_objects', { prefix: 'reports-evil/' }, 'KEY_NOT_ALLOWED'],
  ['list_objects of another folder', () => ro, 'list_objects', { prefix: 'private/' }, 'KEY_NOT_ALLOWED'],
  ['search_objects under another folder', () => ro, 'search_objects', { glob: '**', prefix: 'private/' }, 'KEY_NOT_ALLOWED'],
  ['put_object into a sibling prefix', () => rw, 'put_object', { key: 'reports-evil/y.txt', text: 'x' }, 'KEY_NOT_ALLOWED'],
  ['put_object over the secret', () => rw, 'put_object', { key: 'private/secret.txt', text: 'pwned' }, 'KEY_NOT_ALLOWED'],
  // ".." and odd keys.
  ['get_object with ../', () => ro, 'get_object', { key: 'reports/../private/secret.txt' }, 'INVALID_KEY'],
  ['get_object with ./', () => ro, 'get_object', { key: 'reports/./q1.txt' }, 'INVALID_KEY'],
  ['get_object ending in ..', () => ro, 'get_object', { key: 'reports/..' }, 'INVALID_KEY'],
  ['put_object with ../ escaping the prefix', () => rw, 'put_object', { key: 'reports/../private/secret.txt', text: 'pwned' }, 'INVALID_KEY'],
  ['put_object with a NUL byte', () => rw, 'put_object', { key: 'reports/a\u0000b', text: 'x' }, 'INVALID_KEY'],
  ['put_object with a newline', () => rw, 'put_object', { key: 'reports/a\nb', text: 'x' }, 'INVALID_KEY'],
  ['put_object with a C1 control', () => rw, 'put_object', { key: 'reports/a\u0085b', text: 'x' }, 'INVALID_KEY'],
  ['put_object with a lone surrogate', () => rw, 'put_object', { key: 'reports/\ud800x', text: 'x' }, 'INVALID_KEY'],
  ['get_object with an encoded ..%2F (an opaque key: not found, not a traversal)', () => ro, 'get_object', { key: 'reports/..%2Fprivate%2Fsecret.txt' }, 'NOT_FOUND'],
  ['get_object with %2e%2e (an opaque key)', () => ro, 'get_object', { key: 'reports/%2e%2e/private/secret.txt' }, 'NOT_FOUND'],
  ['list_objects with a control character in the prefix', () => ro, 'list_objects', { prefix: 'reports/\u0001' }, 'INVALID_KEY'],
  // Other buckets.
  ['list_objects of a bucket not allowed', () => ro, 'list_objects', { bucket: FORBIDDEN }, 'BUCKET_NOT_ALLOWED'],
  ['get_object from a bucket not allowed, same key', () => ro, 'get_object', { bucket: FORBIDDEN, key: 'reports/q1.txt' }, 'BUCKET_NOT_ALLOWED'],
  ['search_objects in a bucket not allowed', () => ro, 'search_objects', { bucket: FORBIDDEN, contains: 'secret' }, 'BUCKET_NOT_ALLOWED'],
  ['copy_object from a bucket not allowed', () => rw, 'copy_object', { sourceBucket: FORBIDDEN, sourceKey: 'secret.txt', bucket: ALLOWED, key: 'reports/stolen.txt' }, 'BUCKET_NOT_ALLOWED'],
  ['copy_object from a disallowed key', () => rw, 'copy_object', { sourceKey: 'private/secret.txt', key: 'reports/stolen.txt' }, 'KEY_NOT_ALLOWED'],
  ['copy_object from a ../ key', () => rw, 'copy_object', { sourceKey: 'reports/../private/secret.txt', key: 'reports/stolen.txt' }, 'INVALID_KEY'],
  ['copy_object into a disallowed key', () => rw, 'copy_object', { sourceKey: 'reports/q1.txt', key: 'private/secret.txt' }, 'KEY_NOT_ALLOWED'],
  ['copy_object into a bucket not allowed', () => rw, 'copy_object', { sourceKey: 'reports/q1.txt', bucket: FORBIDDEN, key: 'reports/q1.txt' }, 'BUCKET_NOT_ALLOWED'],
  // Presigning.
  ['presign_get of a disallowed key', () => ro, 'presign_get', { key: 'private/secret.txt' }, 'KEY_NOT_ALLOWED'],
  ['presign_get in a bucket not allowed', () => ro, 'presign_get', { bucket: FORBIDDEN, key: 'secret.txt' }, 'BUCKET_NOT_ALLOWED'],
  ['presign_put of a disallowed key', () => rw, 'presign_put', { key: 'private/secret.txt' }, 'KEY_NOT_ALLOWED'],
  ['presign_get beyond the lifetime limit', () => ro, 'presign_get', { key: 'reports/q1.txt', expiresSeconds: 100_000 }, 'INVALID_ARGUMENTS'],
  // Deletes outside the allow-list.
  ['delete_object of a disallowed key', () => del, 'delete_object', { key: 'private/secret.txt' }, 'KEY_NOT_ALLOWED'],
  ['delete_objects with one disallowed key among allowed ones', () => del, 'delete_objects', { keys: ['reports/q1.txt', 'private/secret.txt'] }, 'KEY_NOT_ALLOWED'],
  ['delete_objects by a sibling prefix', () => del, 'delete_objects', { prefix: 'reports-evil/', dryRun: true }, 'KEY_NOT_ALLOWED'],
  ['delete_objects by the bucket root', () => del, 'delete_objects', { prefix: 'r', confirm: 1 }, 'KEY_NOT_ALLOWED'],
  // Oversized bodies.
  ['put_object over maxPutBytes (text)', () => tiny, 'put_object', { key: 'reports/big.txt', text: 'x'.repeat(2000) }, 'TOO_LARGE'],
  ['put_object over maxPutBytes (base64)', () => tiny, 'put_object', { key: 'reports/big.bin', base64: Buffer.alloc(2000).toString('base64') }, 'TOO_LARGE'],
];

describe('attack corpus: tools', () => {
  it.each(toolCases)('%s is refused, nothing changes, no disallowed byte comes back', async (_label, server, tool, args, code) => {
    const result = await server().call(tool, args);
    expect(result.isError, result.text).toBe(true);
    expect(result.code, result.text).toBe(code);
    expect(JSON.stringify(result)).not.toContain(SECRET);
    expect(await state()).toBe(before);
  });

  it.each([
    ['resources/read of a bucket not allowed', `s3://${FORBIDDEN}/secret.txt`],
    ['resources/read of a disallowed key', `s3://${ALLOWED}/private/secret.txt`],
    ['resources/read with an encoded ../', `s3://${ALLOWED}/reports/%2E%2E/private/secret.txt`],
    ['resources/read of a sibling prefix', `s3://${ALLOWED}/reports-evil/x.txt`],
  ])('%s is refused', async (_label, uri) => {
    const error = await ro.client.readResource({ uri }).then(() => undefined, (e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect(String(error?.message)).not.toContain(SECRET);
    expect(await state()).toBe(before);
  });

  it('listings and searches across the allow-list never show a disallowed key', async () => {
    for (const [tool, args] of [['list_objects', {}], ['list_objects', { prefix: 'report' }], ['search_objects', { glob: '**' }], ['search_objects', { contains: 'secret' }]] as const) {
      const result = await ro.call(tool, args);
      expect(result.isError, result.text).toBeFalsy();
      const text = JSON.stringify(result);
      expect(text).not.toContain('private/');
      expect(text).not.toContain('reports-evil');
      expect(text).not.toContain('reportsecret');
    }
    const { resources } = await ro.client.listResources();
    expect(resources.map((r) => r.uri).sort()).toEqual([`s3://${ALLOWED}/reports/q1.txt`, `s3://${ALLOWED}/reports/q2.txt`]);
  });
});

type WireCase = [label: string, access: 'read' | 'write' | 'destructive', send: (client: S3Client) => Promise<unknown>, code: string];

const wireCases: WireCase[] = [
  ['read tier, straight PutObject', 'read', (c) => c.send(new PutObjectCommand({ Bucket: ALLOWED, Key: 'reports/wire.txt', Body: 'x' })), 'ACCESS_DENIED'],
  ['read tier, straight DeleteObject', 'read', (c) => c.send(new DeleteObjectCommand({ Bucket: ALLOWED, Key: 'reports/q1.txt' })), 'ACCESS_DENIED'],
  ['read tier, straight DeleteObjects', 'read', (c) => c.send(new DeleteObjectsCommand({ Bucket: ALLOWED, Delete: { Objects: [{ Key: 'reports/q1.txt' }] } })), 'ACCESS_DENIED'],
  ['read tier, straight CopyObject', 'read', (c) => c.send(new CopyObjectCommand({ Bucket: ALLOWED, Key: 'reports/c.txt', CopySource: `${ALLOWED}/reports/q1.txt` })), 'ACCESS_DENIED'],
  ['read tier, straight CreateMultipartUpload', 'read', (c) => c.send(new CreateMultipartUploadCommand({ Bucket: ALLOWED, Key: 'reports/mpu' })), 'ACCESS_DENIED'],
  ['read tier, straight PutObjectTagging', 'read', (c) => c.send(new PutObjectTaggingCommand({ Bucket: ALLOWED, Key: 'reports/q1.txt', Tagging: { TagSet: [] } })), 'ACCESS_DENIED'],
  ['read tier, presigning a PUT', 'read', (c) => getSignedUrl(c, new PutObjectCommand({ Bucket: ALLOWED, Key: 'reports/q1.txt' })), 'ACCESS_DENIED'],
  ['presigning a GET of a disallowed key', 'read', (c) => getSignedUrl(c, new GetObjectCommand({ Bucket: ALLOWED, Key: 'private/secret.txt' })), 'KEY_NOT_ALLOWED'],
  ['presigning a GET in a bucket not allowed', 'read', (c) => getSignedUrl(c, new GetObjectCommand({ Bucket: FORBIDDEN, Key: 'secret.txt' })), 'BUCKET_NOT_ALLOWED'],
  ['GetObject of a disallowed key', 'read', (c) => c.send(new GetObjectCommand({ Bucket: ALLOWED, Key: 'reports-evil/x.txt' })), 'KEY_NOT_ALLOWED'],
  ['CopyObject with a copy source in a bucket not allowed', 'write', (c) => c.send(new CopyObjectCommand({ Bucket: ALLOWED, Key: 'reports/stolen.txt', CopySource: `${FORBIDDEN}/secret.txt` })), 'BUCKET_NOT_ALLOWED'],
  ['CopyObject with a disallowed copy-source key', 'write', (c) => c.send(new CopyObjectCommand({ Bucket: ALLOWED, Key: 'reports/stolen.txt', CopySource: `${ALLOWED}/private/secret.txt` })), 'KEY_NOT_ALLOWED'],
  ['CopyObject with a percent-encoded ../ copy source', 'write', (c) => c.send(new CopyObjectCommand({ Bucket: ALLOWED, Key: 'reports/stolen.txt', CopySource: `${ALLOWED}/reports%2F..%2Fprivate%2Fsecret.txt` })), 'INVALID_KEY'],
  ['CopyObject with a leading-slash copy source', 'write', (c) => c.send(new CopyObjectCommand({ Bucket: ALLOWED, Key: 'reports/stolen.txt', CopySource: `/${FORBIDDEN}/secret.txt` })), 'BUCKET_NOT_ALLOWED'],
  ['UploadPartCopy from a bucket not allowed', 'write', (c) => c.send(new UploadPartCopyCommand({ Bucket: ALLOWED, Key: 'reports/mpu', UploadId: 'x', PartNumber: 1, CopySource: `${FORBIDDEN}/secret.txt` })), 'BUCKET_NOT_ALLOWED'],
  ['PutObject with a ../ key straight through the client', 'write', (c) => c.send(new PutObjectCommand({ Bucket: ALLOWED, Key: 'reports/../private/secret.txt', Body: 'pwned' })), 'INVALID_KEY'],
  ['write tier, straight DeleteObject', 'write', (c) => c.send(new DeleteObjectCommand({ Bucket: ALLOWED, Key: 'reports/q1.txt' })), 'ACCESS_DENIED'],
  ['DeleteObjects smuggling a disallowed key', 'destructive', (c) => c.send(new DeleteObjectsCommand({ Bucket: ALLOWED, Delete: { Objects: [{ Key: 'reports/q1.txt' }, { Key: 'private/secret.txt' }] } })), 'KEY_NOT_ALLOWED'],
  ['bucket-level CreateBucket', 'destructive', (c) => c.send(new CreateBucketCommand({ Bucket: 'new-bucket-x' })), 'REQUEST_NOT_ALLOWED'],
  ['bucket-level DeleteBucket of the allowed bucket', 'destructive', (c) => c.send(new DeleteBucketCommand({ Bucket: ALLOWED })), 'REQUEST_NOT_ALLOWED'],
  ['bucket-level PutBucketPolicy', 'destructive', (c) => c.send(new PutBucketPolicyCommand({ Bucket: ALLOWED, Policy: '{}' })), 'REQUEST_NOT_ALLOWED'],
  ['object ACL change', 'destructive', (c) => c.send(new PutObjectAclCommand({ Bucket: ALLOWED, Key: 'reports/q1.txt', ACL: 'public-read' })), 'REQUEST_NOT_ALLOWED'],
];

describe('attack corpus: straight through the guarded client', () => {
  it.each(wireCases)('%s never reaches the network', async (_label, access, send, code) => {
    const client = guardedClient(access);
    sent.length = 0;
    try {
      const error = await send(client).then(() => undefined, (e: { code?: string }) => e);
      expect(error?.code).toBe(code);
      expect(sent).toEqual([]);
      expect(await state()).toBe(before);
    } finally {
      client.destroy();
    }
  });

  it('the recorder sees allowed requests, so an empty record means nothing was sent', async () => {
    const client = guardedClient('read');
    sent.length = 0;
    try {
      const response = await client.send(new GetObjectCommand({ Bucket: ALLOWED, Key: 'reports/q1.txt' }));
      expect(await response.Body?.transformToString()).toBe('quarterly numbers');
      expect(sent).toEqual([`GET /${ALLOWED}/reports/q1.txt`]);
    } finally {
      client.destroy();
    }
  });
});

it('the corpus has at least 40 cases', () => {
  expect(toolCases.length + 4 + wireCases.length).toBeGreaterThanOrEqual(40);
});
