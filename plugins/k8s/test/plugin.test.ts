import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import type { PluginContext, ServerBuildContext, ServerBuildRequest } from '@mcpctl/kernel';
import { silentLogger } from '@mcpctl/toolkit';
import plugin from '../src/index.js';
import { normalizeOptions } from '../src/options.js';
import { useFakeCluster } from './support/fake-cluster.js';

const root = new URL('..', import.meta.url);
const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as { name: string; version: string; mcpctl: Record<string, unknown>; dependencies: Record<string, string> };
const schema = JSON.parse(readFileSync(new URL('schema.json', root), 'utf8')) as { $id: string; $defs: Record<string, object> };
const manifestSchema = JSON.parse(readFileSync(new URL('../../schemas/plugin-manifest.schema.json', root), 'utf8')) as object;
const cluster = useFakeCluster();

describe('the plugin package', () => {
  it('has a manifest the kernel accepts, declaring server type k8s', () => {
    const validate = new Ajv2020({ strict: false }).compile(manifestSchema);
    expect(validate(pkg.mcpctl), JSON.stringify(validate.errors)).toBe(true);
    expect(pkg.mcpctl).toMatchObject({ apiVersion: '^1.0.0', entry: './dist/index.js', configSchema: './schema.json', provides: { serverTypes: [{ name: 'k8s' }] } });
    expect(plugin.name).toBe(pkg.name);
    expect(pkg.dependencies['@kubernetes/client-node']).toBeDefined();
  });

  it('has a namespaced config schema whose serverType:k8s def validates entries', () => {
    expect(schema.$id).toBe('https://mcpctl.dev/schemas/plugins/plugin-k8s.json');
    const ajv = new Ajv2020({ strict: false });
    ajv.addSchema(schema);
    const validate = ajv.getSchema(`${schema.$id}#/$defs/serverType:k8s`);
    if (!validate) throw new Error('no serverType:k8s def');
    expect(validate({})).toBe(true);
    expect(validate({ kubeconfig: './kc', contexts: ['a', 'b'], namespaces: ['team-a'], access: 'write', secrets: 'hidden', deniedResources: ['Secret', 'Deployment.apps', { group: 'example.com', kind: 'Widget', version: 'v1' }], maxLogBytes: 4096, requestTimeoutMs: 5000 })).toBe(true);
    expect(validate({ namespaces: ['*'] })).toBe(true);
    expect(validate({ access: 'admin' })).toBe(false);
    expect(validate({ secrets: 'show' })).toBe(false);
    expect(validate({ namespaces: ['Team_A'] })).toBe(false);
    expect(validate({ deniedResources: ['not a kind'] })).toBe(false);
    expect(validate({ maxLogBytes: 10 })).toBe(false);
  });

  it('setup only taps serverType k8s; the tap builds a working server', async () => {
    const taps: Array<{ key: string; fn: (req: ServerBuildRequest, ctx: ServerBuildContext) => Promise<unknown> }> = [];
    const hooks = { serverType: { for: (key: string) => ({ tapPromise: (fn: (req: ServerBuildRequest, ctx: ServerBuildContext) => Promise<unknown>) => taps.push({ key, fn }) }) } };
    const ctx = { name: pkg.name, version: pkg.version, hooks, logger: silentLogger, config: {}, kernel: { version: '0.1.0', apiVersion: '1.0.0' } } as unknown as PluginContext;
    await plugin.setup(ctx);
    expect(taps.map((t) => t.key)).toEqual(['k8s']);
    const server = (await taps[0]?.fn({ name: 'c', entry: { type: 'k8s', kubeconfig: cluster.kubeconfig() } }, { logger: silentLogger, baseDir: '/' })) as { connect: unknown; close(): Promise<void> };
    expect(typeof server.connect).toBe('function');
    await server.close();
  });

  it('keeps setup light: the entry imports only the kernel', () => {
    const entry = readFileSync(new URL('src/index.ts', root), 'utf8');
    expect([...entry.matchAll(/^import .* from '([^']+)'/gm)].map((m) => m[1])).toEqual(['@mcpctl/kernel']);
  });

  it('never shells out (no child_process, no kubectl) in the server code', () => {
    const files = ['server.ts', 'cluster.ts', 'kubeconfig.ts', 'api/transport.ts', 'api/client.ts', 'api/exec.ts', 'tools/exec.ts'];
    for (const file of files) expect(readFileSync(new URL(`src/${file}`, root), 'utf8'), file).not.toMatch(/child_process|kubectl (get|apply|exec)/);
  });
});

describe('entry options', () => {
  const base = { type: 'k8s' };

  it('applies the documented defaults and leaves other plugins\' keys alone', () => {
    expect(normalizeOptions({ ...base, supervise: { restart: 'always' } }, 's', '/etc')).toMatchObject({ access: 'read', secrets: 'metadata', namespaces: undefined, deniedResources: [], maxLogBytes: 1024 * 1024, requestTimeoutMs: 30_000 });
  });

  it('resolves the kubeconfig against the config file\'s folder', () => {
    expect(normalizeOptions({ ...base, kubeconfig: 'kube/config' }, 's', '/etc/mcpctl').kubeconfig).toBe('/etc/mcpctl/kube/config');
  });

  it('reads deniedResources in every form', () => {
    expect(normalizeOptions({ ...base, deniedResources: ['Secret', 'Deployment.apps', { group: 'x.io', kind: 'Thing', version: 'v2' }] }, 's', '/').deniedResources).toEqual([
      { group: '', kind: 'Secret' },
      { group: 'apps', kind: 'Deployment' },
      { group: 'x.io', kind: 'Thing', version: 'v2' },
    ]);
  });

  it.each([
    [{ ...base, access: 'root' }, /access must be one of/],
    [{ ...base, secrets: 'reveal' }, /reveal.*destructive/],
    [{ ...base, secrets: 'reveal', access: 'write' }, /reveal.*destructive/],
    [{ ...base, secrets: 'show' }, /secrets/],
    [{ ...base, namespaces: [] }, /namespaces/],
    [{ ...base, namespaces: ['*', 'a'] }, /cannot be combined/],
    [{ ...base, namespaces: ['Bad_NS'] }, /not a namespace name/],
    [{ ...base, contexts: [] }, /contexts/],
    [{ ...base, maxLogBytes: 5 }, /maxLogBytes/],
    [{ ...base, deniedResources: ['no spaces allowed'] }, /deniedResources\[0\]/],
    [{ ...base, kubeconfig: '' }, /kubeconfig/],
  ])('rejects %j', (entry, message) => {
    expect(() => normalizeOptions(entry, 's', '/')).toThrow(message);
  });

  it('names missing contexts and kubeconfigs clearly', async () => {
    const { connect } = await import('./support/client.js');
    await expect(connect({ kubeconfig: cluster.kubeconfig(), context: 'nope' })).rejects.toMatchObject({ code: 'MCPCTL_K8S_CONTEXT', message: expect.stringContaining('it has: fake') });
    await expect(connect({ kubeconfig: '/no/such/kubeconfig' })).rejects.toMatchObject({ code: 'MCPCTL_K8S_KUBECONFIG', message: expect.stringContaining('does not exist') });
    await expect(connect({ kubeconfig: cluster.kubeconfig(), contexts: ['fake'], context: 'other' })).rejects.toMatchObject({ code: 'MCPCTL_K8S_CONTEXT' });
  });
});
