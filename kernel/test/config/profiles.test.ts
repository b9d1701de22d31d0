import { describe, expect, it } from 'vitest';
import { deepMerge, resolveConfig } from '../../src/config/index.js';
import { errors } from '../../src/index.js';
import { virtualFile } from './helpers.js';

const file = (raw: unknown) => virtualFile(raw, { '/profiles': { line: 9, column: 1 } });

describe('deepMerge', () => {
  it('merges objects, replaces arrays and scalars, deletes on null, and copies', () => {
    const base = { a: { x: 1, y: [1, 2], z: { deep: true } }, b: 'keep', c: 'drop' };
    const overlay = { a: { y: [3], z: { more: 1 } }, c: null, d: { new: true } };
    const merged = deepMerge(base, overlay);
    expect(merged).toEqual({ a: { x: 1, y: [3], z: { deep: true, more: 1 } }, b: 'keep', d: { new: true } });
    expect(base).toEqual({ a: { x: 1, y: [1, 2], z: { deep: true } }, b: 'keep', c: 'drop' });
    (merged['d'] as Record<string, unknown>)['new'] = false;
    expect(overlay.d.new).toBe(true);
  });

  it('an object replaces a scalar and a scalar replaces an object', () => {
    expect(deepMerge({ a: 1, b: { x: 1 } }, { a: { x: 2 }, b: 'flat' })).toEqual({ a: { x: 2 }, b: 'flat' });
  });
});

describe('profiles', () => {
  const raw = {
    servers: {
      files: { type: 'memo', roots: ['./docs', './src'], readOnly: true },
      scratch: { type: 'memo', roots: ['/tmp'] },
    },
    plugins: ['./a'],
    logging: { level: 'info' },
    profiles: {
      dev: { servers: { files: { roots: ['.'], readOnly: false }, scratch: null, extra: { type: 'pipe', command: 'x' } }, logging: { level: 'debug' } },
      ci: { plugins: [] },
    },
  };

  it('deep-merges the chosen profile over the base', () => {
    const { config, profile } = resolveConfig(file(raw), { env: {}, profile: 'dev' });
    expect(profile).toBe('dev');
    expect(config.servers).toEqual({ files: { type: 'memo', roots: ['.'], readOnly: false }, extra: { type: 'pipe', command: 'x' } });
    expect(config.logging).toEqual({ level: 'debug' });
    expect(config.plugins).toEqual(['./a']);
  });

  it('an array in a profile replaces the base array', () => {
    expect(resolveConfig(file(raw), { env: {}, profile: 'ci' }).config.plugins).toEqual([]);
  });

  it('is the profile the caller gives (the CLI resolves MCPCTL_PROFILE, see cli/test/global-options.test.ts)', () => {
    expect(resolveConfig(file(raw), { env: { MCPCTL_PROFILE: 'ci' } }).profile).toBeUndefined();
    expect(resolveConfig(file(raw), { env: { MCPCTL_PROFILE: 'ci' }, profile: 'dev' }).profile).toBe('dev');
    expect(resolveConfig(file(raw), { env: {}, profile: '' }).profile).toBeUndefined();
  });

  it('an unknown profile is CONFIG_PROFILE_UNKNOWN listing the known ones, exit 2', () => {
    let caught: unknown;
    try {
      resolveConfig(file(raw), { env: {}, profile: 'dve' });
    } catch (error) {
      caught = error;
    }
    expect(errors.CONFIG_PROFILE_UNKNOWN.is(caught)).toBe(true);
    expect(caught).toMatchObject({ exitCode: 2, message: 'Unknown profile "dve"; known profiles: dev, ci', details: { known: ['dev', 'ci'], pointer: '/profiles', line: 9 } });
    expect((caught as { hint: string }).hint).toContain('Did you mean "dev"?');
  });

  it('says so when no profiles exist', () => {
    expect(() => resolveConfig(file({ servers: {} }), { env: {}, profile: 'dev' })).toThrow('Unknown profile "dev"; known profiles: (none defined)');
  });
});
