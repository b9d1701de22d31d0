import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import type { PluginContext, ServerBuildContext, ServerBuildRequest } from '@mcpctl/kernel';
import { redactConfig } from '@mcpctl/kernel/config';
import { silentLogger } from '@mcpctl/toolkit';
import { AllowList, checkKeyShape } from '../src/allow-list.js';
import { enforceRequest, parseCopySource } from '../src/enforcement.js';
import plugin from '../src/index.js';
import { normalizeOptions } from '../src/options.js';

const root = new URL('..', import.meta.url);
const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as { name: string; version: string; mcpctl: Record<string, unknown>; dependencies: Record<string, string> };
const schema = JSON.parse(readFileSync(new URL('schema.json', root), 'utf8')) as { $id: string; $defs: Record<string, object> };
const manifestSchema = JSON.parse(readFileSync(new URL('../../schemas/plugin-manifest.schema.json', root), 'utf8')) as object;
const base = { type: 's3', buckets: [{ bucket: 'data-bucket' }] };

describe('the plugin package', () => {
  it('has a manifest the kernel accepts, declaring server type s3', () => {
    const validate = new Ajv2020({ strict: false }).compile(manifestSchema);
    expect(validate(pkg.mcpctl), JSON.stringify(validate.errors)).toBe(true);
    expect(pkg.mcpctl).toMatchObject({ apiVersion: '^1.0.0', entry: './dist/index.js', configSchema: './schema.json', provides: { serverTypes: [{ name: 's3' }] } });
    expect(plugin.name).toBe(pkg.name);
  });

  it('has a namespaced config schema whose serverType:s3 def validates entries', () => {
    expect(schema.$id).toBe('https://mcpctl.dev/schemas/plugins/plugin-s3.json');
    const ajv = new Ajv2020({ strict: false });
    ajv.addSchema(schema);
    const validate = ajv.getSchema(`${schema.$id}#/$defs/serverType:s3`);
    if (!validate) throw new Error('no serverType:s3 def');
    expect(validate({ endpoint: 'http://127.0.0.1:9000', region: 'eu-west-1', forcePathStyle: true, credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, buckets: [{ bucket: 'data-bucket', prefix: 'reports/', access: 'write' }], access: 'destructive', presignExpiresSeconds: 60 })).toBe(true);
    expect(validate({ credentials: { profile: 'dev' }, buckets: [{ bucket: 'data-bucket' }] })).toBe(true);
    expect(validate({})).toBe(false);
    expect(validate({ buckets: [] })).toBe(false);
    expect(validate({ buckets: [{ bucket: 'Bad_Name' }] })).toBe(false);
    expect(validate({ buckets: [{ bucket: 'data-bucket', extra: 1 }] })).toBe(false);
    expect(validate({ ...base, access: 'admin' })).toBe(false);
    expect(validate({ ...base, presignExpiresSeconds: 604801 })).toBe(false);
    expect(validate({ ...base, credentials: { accessKeyId: 'a' } })).toBe(false);
    expect(validate({ ...base, credentials: { profile: 'p', accessKeyId: 'a', secretAccessKey: 'b' } })).toBe(false);
    expect(validate({ ...base, endpoint: 'ftp://x' })).toBe(false);
    expect(validate({ ...base, partSizeBytes: 1024 })).toBe(false);
    expect(validate({ ...base, copyThresholdBytes: 6 * 1024 ** 3 })).toBe(false);
    expect(validate({ ...base, copyPartSizeBytes: 1024 })).toBe(false);
  });

  it('setup only taps serverType s3; the tap builds a server without sending a request', async () => {
    const taps: Array<{ key: string; fn: (req: ServerBuildRequest, ctx: ServerBuildContext) => Promise<unknown> }> = [];
    const hooks = { serverType: { for: (key: string) => ({ tapPromise: (fn: (req: ServerBuildRequest, ctx: ServerBuildContext) => Promise<unknown>) => taps.push({ key, fn }) }) } };
    const ctx = { name: pkg.name, version: pkg.version, hooks, logger: silentLogger, config: {}, kernel: { version: '0.1.0', apiVersion: '1.0.0' } } as unknown as PluginContext;
    await plugin.setup(ctx);
    expect(taps.map((t) => t.key)).toEqual(['s3']);
    const server = (await taps[0]?.fn({ name: 'store', entry: { ...base, endpoint: 'http://127.0.0.1:1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } } }, { logger: silentLogger, baseDir: '/' })) as { connect: unknown; close(): Promise<void> };
    expect(typeof server.connect).toBe('function');
    await server.close();
  });

  it('keeps setup light: the entry imports only the kernel', () => {
    const entry = readFileSync(new URL('src/index.ts', root), 'utf8');
    expect([...entry.matchAll(/^import .* from '([^']+)'/gm)].map((m) => m[1])).toEqual(['@mcpctl/kernel']);
  });
});

describe('entry options', () => {
  it('applies the documented defaults', () => {
    expect(normalizeOptions(base, 's', {})).toMatchObject({ access: 'read', region: 'us-east-1', forcePathStyle: false, credentials: { kind: 'default' }, maxObjectBytes: 1048576, presignExpiresSeconds: 900, requestTimeoutMs: 30000, maxAttempts: 3, checksums: 'when_supported', partSizeBytes: 8388608, copyThresholdBytes: 5 * 1024 ** 3, copyPartSizeBytes: 512 * 1024 ** 2 });
    expect(normalizeOptions(base, 's', { AWS_REGION: 'eu-central-1' }).region).toBe('eu-central-1');
  });

  it('makes every prefix a folder, and lets a bucket lower but never raise the tier', () => {
    const options = normalizeOptions({ ...base, access: 'write', buckets: [{ bucket: 'data-bucket', prefix: 'reports' }, { bucket: 'data-bucket', prefix: 'logs/', access: 'read' }, { bucket: 'other-bucket', access: 'destructive' }] }, 's', {});
    expect(options.buckets.map((b) => [b.prefix, b.access])).toEqual([['reports/', 'write'], ['logs/', 'read'], ['', 'write']]);
  });

  it.each([
    [{ ...base, access: 'root' }, /access must be one of/],
    [{ type: 's3' }, /buckets/],
    [{ ...base, buckets: [{ bucket: 'x' }] }, /buckets\[0\]\.bucket/],
    [{ ...base, buckets: [{ bucket: 'data-bucket', prefix: 'a/../b/' }] }, /buckets\[0\]\.prefix/],
    [{ ...base, buckets: [{ bucket: 'data-bucket', prefix: 'a\u0000' }] }, /control characters/],
    [{ ...base, endpoint: 'localhost:9000' }, /endpoint/],
    [{ ...base, presignExpiresSeconds: 0 }, /presignExpiresSeconds/],
    [{ ...base, credentials: { accessKeyId: 'AKIAEXAMPLE' } }, /secretAccessKey/],
    [{ ...base, credentials: { accessKeyId: 'k', secretAccessKey: 42 } }, /credentials\.secretAccessKey/],
    [{ ...base, checksums: 'always' }, /checksums/],
    [{ ...base, copyThresholdBytes: 6 * 1024 ** 3 }, /`copyThresholdBytes` must be an integer from 5242880 to 5368709120/],
    [{ ...base, copyPartSizeBytes: 100 }, /copyPartSizeBytes/],
  ])('refuses %j with a message naming the setting', (entry, message) => {
    expect(() => normalizeOptions(entry, 's', {})).toThrow(message);
    try {
      normalizeOptions(entry, 's', {});
    } catch (error) {
      expect((error as { code: string }).code).toBe('MCPCTL_S3_OPTIONS_INVALID');
    }
  });

  it('never echoes a credential in an error', () => {
    expect(() => normalizeOptions({ ...base, credentials: { accessKeyId: 'AKIA-VISIBLE', secretAccessKey: '' } }, 's', {})).toThrow(/credentials\.secretAccessKey/);
    try {
      normalizeOptions({ ...base, credentials: { accessKeyId: 'AKIA-VISIBLE', secretAccessKey: '' } }, 's', {});
    } catch (error) {
      expect(String((error as Error).message)).not.toContain('AKIA-VISIBLE');
    }
  });

  it('config redaction hides everything under credentials (the kernel treats the key name as secret)', () => {
    const shown = redactConfig({ servers: { store: { ...base, credentials: { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'very-secret', sessionToken: 'tok' } } } });
    expect(JSON.stringify(shown)).not.toMatch(/AKIAEXAMPLE|very-secret|tok"/);
    expect(JSON.stringify(redactConfig({ servers: { store: { ...base, credentials: { profile: 'prod-admin' } } } }))).not.toContain('prod-admin');
  });
});

describe('the allow-list', () => {
  const allow = new AllowList(normalizeOptions({ ...base, access: 'write', buckets: [{ bucket: 'data-bucket', prefix: 'reports/' }, { bucket: 'data-bucket', prefix: 'reports/archive/', access: 'read' }] }, 's', {}).buckets, 'write', 's');

  it('matches prefixes only at their boundary', () => {
    expect(() => allow.checkKey('data-bucket', 'reports/x', 'write', 'w')).not.toThrow();
    expect(() => allow.checkKey('data-bucket', 'reports-evil/x', 'read', 'r')).toThrow(/outside the allowed prefixes/);
    expect(() => allow.checkKey('data-bucket', 'reports', 'read', 'r')).toThrow(/outside the allowed prefixes/);
  });

  it('gives a key the highest tier of the grants covering it', () => {
    expect(allow.tierFor('data-bucket', 'reports/archive/2020.csv')).toBe('write');
    expect(allow.tierFor('other', 'reports/x')).toBeUndefined();
  });

  it('names the setting to change when a tier is too low', () => {
    const readOnly = new AllowList(normalizeOptions({ ...base, access: 'destructive', buckets: [{ bucket: 'data-bucket', access: 'read' }] }, 's', {}).buckets, 'destructive', 's');
    expect(() => readOnly.checkKey('data-bucket', 'k', 'write', 'put_object')).toThrow(/buckets\[0\]\.access grants read/);
    expect(() => allow.checkKey('data-bucket', 'reports/k', 'destructive', 'delete_object')).toThrow(/needs access: destructive on server s \(currently write\)/);
  });

  it.each(['', 'a/../b', '..', './a', 'a/.', 'a\u0000', 'a\u007f', 'a\u009b', 'x'.repeat(1025), '\udc00'])('refuses the key %j', (key) => {
    expect(() => checkKeyShape(key)).toThrow();
  });

  it.each(['a', 'a/b/c.txt', 'a//b', 'a/..b', 'a/.hidden', 'ü/𝄞', '%2e%2e', 'with space'])('accepts the opaque key %j', (key) => {
    expect(() => checkKeyShape(key)).not.toThrow();
  });

  it('plans listings only inside allowed prefixes', () => {
    expect(allow.listScopes('data-bucket', undefined)).toEqual([{ bucket: 'data-bucket', prefix: 'reports/' }]);
    expect(allow.listScopes('data-bucket', 'reports/2024/')).toEqual([{ bucket: 'data-bucket', prefix: 'reports/2024/' }]);
    expect(() => allow.listScopes('data-bucket', 'private/')).toThrow(/not inside the allowed prefixes/);
  });
});

describe('the enforcement middleware, on wire requests', () => {
  const allow = new AllowList(normalizeOptions({ ...base, access: 'write', buckets: [{ bucket: 'data-bucket', prefix: 'reports/' }] }, 's', {}).buckets, 'write', 's');
  const aws = { endpointHost: undefined, forcePathStyle: false };
  const request = (method: string, hostname: string, path: string, query: Record<string, string> = {}, headers: Record<string, string> = {}) => ({ method, hostname, path, query, headers });

  it('reads the bucket from a virtual-hosted AWS host name and the key from the path', () => {
    expect(enforceRequest(request('PUT', 'data-bucket.s3.us-east-1.amazonaws.com', '/reports/a%20b.txt', { 'x-id': 'PutObject' }), { Bucket: 'data-bucket', Key: 'reports/a b.txt' }, allow, aws, 'PutObjectCommand')).toMatchObject({ operation: 'PutObject', bucket: 'data-bucket', key: 'reports/a b.txt' });
  });

  it('refuses a request whose wire path does not match its command (a rewritten key)', () => {
    expect(() => enforceRequest(request('GET', 'data-bucket.s3.us-east-1.amazonaws.com', '/private/x', {}), { Bucket: 'data-bucket', Key: 'reports/x' }, allow, aws, 'GetObjectCommand')).toThrow(/disagree/);
    expect(() => enforceRequest(request('GET', 'evil-bucket.s3.us-east-1.amazonaws.com', '/reports/x', {}), { Bucket: 'data-bucket', Key: 'reports/x' }, allow, aws, 'GetObjectCommand')).toThrow(/disagree/);
  });

  it('refuses unknown methods and sub-resources', () => {
    expect(() => enforceRequest(request('PATCH', 'h', '/data-bucket/reports/x'), { Bucket: 'data-bucket', Key: 'reports/x' }, allow, { endpointHost: 'h', forcePathStyle: true }, 'X')).toThrow(/method/);
    expect(() => enforceRequest(request('GET', 'h', '/data-bucket/reports/x', { acl: '' }), { Bucket: 'data-bucket', Key: 'reports/x' }, allow, { endpointHost: 'h', forcePathStyle: true }, 'GetObjectAclCommand')).toThrow(/Refused/);
    expect(() => enforceRequest(request('POST', 'h', '/data-bucket/reports/x', { select: '', 'select-type': '2' }), { Bucket: 'data-bucket', Key: 'reports/x' }, allow, { endpointHost: 'h', forcePathStyle: true }, 'SelectObjectContentCommand')).toThrow(/Refused/);
  });

  it('parses copy sources with a leading slash, encoding and a version', () => {
    expect(parseCopySource('/data-bucket/reports/a%20b.txt?versionId=3')).toEqual({ bucket: 'data-bucket', key: 'reports/a b.txt' });
    expect(() => parseCopySource('just-a-bucket')).toThrow(/bucket\/key/);
    expect(() => parseCopySource('b/%E0%A4%A')).toThrow(/percent-encoding/);
  });
});
