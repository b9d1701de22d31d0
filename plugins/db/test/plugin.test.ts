import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import type { PluginContext, ServerBuildContext, ServerBuildRequest } from '@mcpctl/kernel';
import { silentLogger } from '@mcpctl/toolkit';
import plugin from '../src/index.js';
import { normalizeOptions } from '../src/options.js';

const root = new URL('..', import.meta.url);
const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as { name: string; version: string; mcpctl: Record<string, unknown>; dependencies: Record<string, string> };
const schema = JSON.parse(readFileSync(new URL('schema.json', root), 'utf8')) as { $id: string; $defs: Record<string, object> };
const manifestSchema = JSON.parse(readFileSync(new URL('../../schemas/plugin-manifest.schema.json', root), 'utf8')) as object;

describe('the plugin package', () => {
  it('has a manifest the kernel accepts, declaring server type db', () => {
    const validate = new Ajv2020({ strict: false }).compile(manifestSchema);
    expect(validate(pkg.mcpctl), JSON.stringify(validate.errors)).toBe(true);
    expect(pkg.mcpctl).toMatchObject({ apiVersion: '^1.0.0', entry: './dist/index.js', configSchema: './schema.json', provides: { serverTypes: [{ name: 'db' }] } });
    expect(pkg.dependencies['@mcpctl/kernel']).toBe('0.1.0');
    expect(plugin.name).toBe(pkg.name);
  });

  it('has a namespaced config schema whose serverType:db def validates entries', () => {
    expect(schema.$id).toBe('https://mcpctl.dev/schemas/plugins/plugin-db.json');
    const ajv = new Ajv2020({ strict: false });
    ajv.addSchema(schema);
    const validate = ajv.getSchema(`${schema.$id}#/$defs/serverType:db`);
    if (!validate) throw new Error('no serverType:db def');
    expect(validate({ url: 'postgres://app@db/shop', access: 'write', maxRows: 100, pool: { max: 3 }, schemas: ['public'], tls: { rejectUnauthorized: false }, queries: { top: { sql: 'SELECT 1', params: { type: 'object', properties: {} } } } })).toBe(true);
    expect(validate({ url: 'sqlite:x.db', pool: 2, tls: true })).toBe(true);
    expect(validate({})).toBe(false);
    expect(validate({ url: 'sqlite:x', access: 'admin' })).toBe(false);
    expect(validate({ url: 'sqlite:x', maxRows: 0 })).toBe(false);
    expect(validate({ url: 'sqlite:x', queries: { 'bad name': { sql: 'SELECT 1' } } })).toBe(false);
  });

  it('setup only taps serverType db; the tap builds a working server', async () => {
    const taps: Array<{ key: string; fn: (req: ServerBuildRequest, ctx: ServerBuildContext) => Promise<unknown> }> = [];
    const refuse = (): never => {
      throw new Error('setup must only tap serverType.db');
    };
    const hooks = {
      serverType: { for: (key: string) => ({ tapPromise: (fn: (req: ServerBuildRequest, ctx: ServerBuildContext) => Promise<unknown>) => taps.push({ key, fn }), tap: refuse }) },
    };
    const ctx = { name: pkg.name, version: pkg.version, hooks, logger: silentLogger, config: {}, kernel: { version: '0.1.0', apiVersion: '1.0.0' } } as unknown as PluginContext;
    await plugin.setup(ctx);
    expect(taps.map((t) => t.key)).toEqual(['db']);
    const server = (await taps[0]?.fn({ name: 'mem', entry: { type: 'db', url: 'sqlite::memory:' } }, { logger: silentLogger, baseDir: '/' })) as { connect: unknown; close(): Promise<void> };
    expect(typeof server.connect).toBe('function');
    await server.close();
  });

  it('keeps setup light: the entry imports no driver, SDK or server code', () => {
    const entry = readFileSync(new URL('src/index.ts', root), 'utf8');
    const staticImports = [...entry.matchAll(/^import .* from '([^']+)'/gm)].map((m) => m[1]);
    expect(staticImports).toEqual(['@mcpctl/kernel']);
    const engines = readFileSync(new URL('src/engines/index.ts', root), 'utf8');
    expect(engines).not.toMatch(/^import .* from '(pg|mysql2|pg-cursor)'/m);
  });
});

describe('entry options', () => {
  const base = { type: 'db', url: 'sqlite::memory:' };

  it('leaves keys of other plugins (supervise:) to the kernel', () => {
    expect(normalizeOptions({ ...base, supervise: { restart: 'always' } }, 's', '/').access).toBe('read');
  });

  it('applies the documented defaults', () => {
    expect(normalizeOptions(base, 's', '/')).toMatchObject({ access: 'read', maxRows: 500, statementTimeoutMs: 15_000, pool: { max: 5 }, queries: [] });
  });

  it.each([
    [{ ...base, access: 'root' }, /access must be one of/],
    [{ ...base, maxRows: -1 }, /maxRows/],
    [{ type: 'db' }, /url/],
    [{ ...base, schemas: 'public' }, /schemas/],
    [{ ...base, queries: { 'no good': { sql: 'SELECT 1' } } }, /query name/],
    [{ ...base, queries: { q: { description: 'x' } } }, /queries\.q\.sql/],
    [{ ...base, tls: { caFile: '/no/such/ca.pem' } }, /tls\.caFile/],
  ])('rejects %j', (entry, message) => {
    expect(() => normalizeOptions(entry, 's', '/')).toThrow(message);
  });
});
