import { describe, expect, it } from 'vitest';
import { apiVersionSatisfies, validateManifest } from '../../src/plugins/manifest.js';

const valid = { apiVersion: '^1.0.0', entry: './dist/index.js' };

describe('plugin manifests', () => {
  it('accept a minimal and a full manifest', () => {
    expect(validateManifest(valid).ok).toBe(true);
    expect(validateManifest({
      ...valid,
      configSchema: './schema.json',
      provides: {
        serverTypes: [{ name: 'fs', summary: 'Files' }],
        transports: [{ name: 'stdio' }],
        clientAuth: [{ name: 'api-key' }],
        verifiers: [{ name: 'api-key' }],
        commands: [{ path: ['config', 'show'], summary: 'Show', category: 'Config', hidden: false }],
        taps: ['health', 'session', 'gateway.authorize'],
        hooks: [{ name: 'gateway.request', kind: 'AsyncSeriesBailHook', args: ['request', 'context'], keyed: true, timeoutMs: 5000, summary: 'One request' }],
        hints: { install: 'run `x install {package}`', MCPCTL_CONFIG_INVALID: 'Run `x check`.' },
      },
    }).ok).toBe(true);
  });

  it.each([
    [{ entry: './x.js' }, "/ must have required property 'apiVersion'"],
    [{ apiVersion: 1, entry: './x.js' }, '/apiVersion must be string'],
    [{ ...valid, entry: 'dist/index.js' }, '/entry must match pattern'],
    [{ ...valid, configSchema: './schema.yaml' }, '/configSchema must match pattern'],
    [{ ...valid, extra: true }, '/ must NOT have additional properties (`extra`)'],
    [{ ...valid, provides: { commands: [{ path: [], summary: 'x' }] } }, '/provides/commands/0/path must NOT have fewer than 1 items'],
    [{ ...valid, provides: { commands: [{ path: ['Bad Path'], summary: 'x' }] } }, '/provides/commands/0/path/0 must match pattern'],
    [{ ...valid, provides: { commands: [{ path: ['ok'] }] } }, "/provides/commands/0 must have required property 'summary'"],
    [{ ...valid, provides: { taps: ['everything'] } }, '/provides/taps/0 must be equal to one of the allowed values'],
    [{ ...valid, provides: { authMethods: [{ name: 'bearer' }] } }, '/provides must NOT have additional properties (`authMethods`)'],
    [{ ...valid, provides: { hooks: [{ name: 'gateway.request', args: [] }] } }, "/provides/hooks/0 must have required property 'kind'"],
    [{ ...valid, provides: { hooks: [{ name: 'gateway.request', kind: 'SyncLoopHook', args: [] }] } }, '/provides/hooks/0/kind must be equal to one of the allowed values'],
    [{ ...valid, provides: { hooks: [{ name: 'request', kind: 'SyncHook', args: [] }] } }, '/provides/hooks/0/name must match pattern'],
    [{ ...valid, provides: { hints: { 'not a code': 'x' } } }, '/provides/hints must match pattern'],
    [{ ...valid, provides: { serverTypes: [{ name: 'Has Space' }] } }, '/provides/serverTypes/0/name must match pattern'],
  ])('reject %j with a message naming the JSON pointer', (manifest, expected) => {
    const result = validateManifest(manifest);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.message).toContain(expected);
  });

  it.each([
    ['^1.0.0', '1.0.0', true],
    ['^1.0.0', '1.4.2', true],
    ['>=1.0.0 <2', '1.9.0', true],
    ['^1.2.0', '1.0.0', false],
    ['^2.0.0', '1.0.0', false],
    ['~0.9.0', '1.0.0', false],
  ])('range %s against API %s: compatible %s', (range, api, ok) => {
    expect(apiVersionSatisfies(range, api).ok).toBe(ok);
  });

  it('reports a range that is not semver', () => {
    expect(apiVersionSatisfies('one point oh', '1.0.0')).toEqual({ ok: false, reason: '"one point oh" is not a valid semver range' });
  });
});
