import { describe, expect, it } from 'vitest';
import { Catalog, hookNamespace } from '../../src/plugins/catalog.js';
import type { PluginManifest, PluginRecord } from '../../src/interfaces/index.js';

function record(name: string, provides: PluginManifest['provides'], state: PluginRecord['state'] = 'discovered'): PluginRecord {
  return { name, version: '1.0.0', source: 'builtin', dir: `/plugins/${name}`, manifest: { apiVersion: '^1.0.0', entry: './index.js', provides }, state };
}
const catalogOf = (...records: PluginRecord[]) => new Catalog({ records, problems: [], schemas: new Map() });

describe('the catalog', () => {
  it('keeps client auth methods and verifiers apart: the same name in both kinds is no conflict', () => {
    const catalog = catalogOf(
      record('@mcpctl/plugin-core', { clientAuth: [{ name: 'basic' }, { name: 'bearer' }], verifiers: [{ name: 'basic' }, { name: 'api-key' }] }),
      record('@mcpctl/plugin-auth-oauth', { clientAuth: [{ name: 'oauth' }], verifiers: [{ name: 'jwt' }, { name: 'oauth' }] }),
    );
    expect(catalog.problems()).toEqual([]);
    expect(catalog.names('clientAuth')).toEqual(['basic', 'bearer', 'oauth']);
    expect(catalog.names('verifier')).toEqual(['api-key', 'basic', 'jwt', 'oauth']);
    expect(catalog.providerOf('verifier', 'jwt')!.name).toBe('@mcpctl/plugin-auth-oauth');
    expect(catalog.providerOf('clientAuth', 'jwt')).toBeUndefined();
  });

  it('reports a conflict within one kind; the higher-precedence plugin (listed first) keeps the name', () => {
    const catalog = catalogOf(record('first', { verifiers: [{ name: 'jwt' }] }), record('second', { verifiers: [{ name: 'jwt' }], clientAuth: [{ name: 'jwt' }] }));
    expect(catalog.providerOf('verifier', 'jwt')!.name).toBe('first');
    expect(catalog.providerOf('clientAuth', 'jwt')!.name).toBe('second');
    expect(catalog.problems()).toEqual([expect.objectContaining({ code: 'MCPCTL_PLUGIN_CONFLICT', plugin: 'second', severity: 'warning', message: 'verifier "jwt" is provided by both first and second; using first' })]);
  });

  it('indexes declared hooks by name, and the plugins that tap them', () => {
    const hook = { name: 'gateway.authorize', kind: 'AsyncSeriesBailHook' as const, args: ['request'] };
    const catalog = catalogOf(
      record('@mcpctl/plugin-gateway', { hooks: [hook, { ...hook, name: 'audit.write' }, { ...hook, name: 'config.sneaky' }] }),
      record('mcpctl-plugin-audit', { taps: ['gateway.authorize', 'health'] }),
      record('mcpctl-plugin-broken', { taps: ['gateway.authorize'] }, 'failed'),
    );
    expect(catalog.declaredHook('gateway.authorize')).toEqual({ ...hook, plugin: '@mcpctl/plugin-gateway' });
    expect(catalog.declaredHooks().map((declared) => declared.name)).toEqual(['gateway.authorize']);
    expect(catalog.problems().map((problem) => [problem.code, problem.message])).toEqual([
      ['MCPCTL_PLUGIN_HOOK_NAMESPACE', 'Plugin @mcpctl/plugin-gateway declares hook "audit.write" outside its namespace "gateway"'],
      ['MCPCTL_PLUGIN_HOOK_NAMESPACE', 'Plugin @mcpctl/plugin-gateway declares hook "config.sneaky" outside its namespace "gateway"'],
    ]);
    expect(catalog.eagerFor('gateway.authorize').map((found) => found.name)).toEqual(['mcpctl-plugin-audit']);
    expect(catalog.eagerFor('health').map((found) => found.name)).toEqual(['mcpctl-plugin-audit']);
  });

  it('gives the first usable plugin\'s hint for a key', () => {
    const catalog = catalogOf(
      record('broken', { hints: { install: 'no' } }, 'failed'),
      record('installer', { hints: { install: 'run `mcpctl plugins install {package}`' } }),
      record('other', { hints: { install: 'later', MCPCTL_CONFIG_INVALID: 'Run `x`.' } }),
    );
    expect(catalog.hintFor('install')).toBe('run `mcpctl plugins install {package}`');
    expect(catalog.hintFor('MCPCTL_CONFIG_INVALID')).toBe('Run `x`.');
    expect(catalog.hintFor('MCPCTL_NOTHING')).toBeUndefined();
  });

  it.each([
    ['@mcpctl/plugin-gateway', 'gateway'],
    ['mcpctl-plugin-audit', 'audit'],
    ['@acme/rate-limit', 'rate-limit'],
    ['plain', 'plain'],
  ])('gives %s the hook namespace %s', (name, namespace) => {
    expect(hookNamespace(name)).toBe(namespace);
  });
});
