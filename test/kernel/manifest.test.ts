import { describe, expect, it } from 'vitest';
import { apiVersionSatisfies, validateManifest } from '../../kernel/src/plugins/manifest.js';

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
        authMethods: [{ name: 'api-key' }],
        commands: [{ path: ['config', 'show'], summary: 'Show', category: 'Config', hidden: false }],
        hooks: ['health', 'session'],
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
    [{ ...valid, provides: { hooks: ['everything'] } }, '/provides/hooks/0 must be equal to one of the allowed values'],
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
