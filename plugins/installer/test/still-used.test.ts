import type { KernelServices, PluginRecord } from '@mcpctl/kernel';
import { describe, expect, it } from 'vitest';
import { configUsesOf } from '../src/run/plugins/still-used.js';

const record = {
  name: 'mcpctl-plugin-everything',
  manifest: {
    apiVersion: '^1.0.0',
    entry: './index.js',
    provides: { serverTypes: [{ name: 'notes' }], transports: [{ name: 'quic' }], clientAuth: [{ name: 'sso' }], verifiers: [{ name: 'mtls' }] },
  },
} as unknown as PluginRecord;

const kernelWith = (config: unknown, fails = false) => ({ loadConfig: async () => { if (fails) throw new Error('invalid'); return { config }; } }) as unknown as KernelServices;

describe('configUsesOf (what uninstall warns about)', () => {
  it('names entries of the plugin\'s types, its client auth methods, its verifiers anywhere below an entry, and its settings', async () => {
    const uses = await configUsesOf(kernelWith({
      servers: {
        a: { type: 'notes', serve: { auth: { method: 'mtls' } } },
        b: { type: 'quic', url: 'x', auth: { method: 'sso' } },
        c: { type: 'http', url: 'x', auth: { method: 'mtls' } },
        d: { type: 'stdio', command: 'true' },
      },
      pluginConfig: { 'mcpctl-plugin-everything': { x: 1 } },
    }), [record]);
    expect(uses).toEqual([
      'servers.a has type notes (from mcpctl-plugin-everything)',
      'servers.a.serve.auth uses verifier mtls (from mcpctl-plugin-everything)',
      'servers.b has type quic (from mcpctl-plugin-everything)',
      'servers.b.auth uses method sso (from mcpctl-plugin-everything)',
      'pluginConfig["mcpctl-plugin-everything"] holds its settings',
    ]);
  });

  it('says nothing when the config does not load', async () => {
    expect(await configUsesOf(kernelWith({}, true), [record])).toEqual([]);
  });
});
