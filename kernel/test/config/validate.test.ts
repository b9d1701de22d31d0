import { describe, expect, it } from 'vitest';
import { checkConfigFragment, configInvalidError, resolveConfig, validateConfig } from '../../src/config/index.js';
import { baseConfigSchema } from '../../src/config/base-schema.js';
import { validatorSetFor } from '../../src/config/validators.js';
import { errors, type McpctlConfig } from '../../src/index.js';
import { fixtureFragment, stdioFragment, virtualFile } from './helpers.js';

function config(partial: Record<string, unknown>): McpctlConfig {
  return resolveConfig(virtualFile(partial), { env: {} }).config;
}

describe('validateConfig', () => {
  const fragments = [fixtureFragment(), stdioFragment()];

  it('accepts a valid config and fills defaults from every stage', () => {
    const value = config({
      servers: {
        files: { type: 'memo', roots: ['./docs'] },
        tools: { type: 'stdio', command: 'npx' },
        remote: { type: 'web', url: 'https://example.com/mcp', auth: { method: 'shared-key', key: 'k' } },
      },
      pluginConfig: { 'mcpctl-plugin-config-fixture': {}, 'fake-stdio': {} },
    });
    expect(validateConfig(value, fragments)).toEqual([]);
    expect(value.servers['files']).toEqual({ type: 'memo', roots: ['./docs'], readOnly: true });
    expect(value.servers['tools']).toEqual({ type: 'stdio', command: 'npx', args: [] });
    expect(value.servers['remote']!.auth).toEqual({ method: 'shared-key', key: 'k', header: 'X-Api-Key' });
    expect(value.pluginConfig).toEqual({ 'mcpctl-plugin-config-fixture': { greeting: 'hello' }, 'fake-stdio': { timeoutMs: 5000 } });
  });

  it('reports every problem once, across stages, with expected and found', () => {
    const issues = validateConfig(
      config({
        servers: {
          a: { type: 'memo', roots: [1], description: 5 },
          b: { type: 'stdio', command: 'x', auth: { method: 'bearer', token: 7 } },
          c: { type: 'nope' },
        },
        plugins: 'x',
      }),
      fragments,
    );
    expect(issues.map((issue) => [issue.pointer, issue.message])).toEqual([
      ['/plugins', 'expected array, found string "x"'],
      ['/servers/a/description', 'expected string, found number 5'],
      ['/servers/a/roots/0', 'expected string, found number 1'],
      // `token` names a secret: its value is never quoted.
      ['/servers/b/auth/token', 'expected string, found number (secret)'],
      ['/servers/c/type', 'unknown type `nope`; known types: memo, pipe, web, stdio'],
    ]);
    expect(issues[0]).toMatchObject({ expected: 'array', found: 'string "x"', hint: expect.any(String) });
  });

  it('names the plugin that would provide an unknown type or auth method', () => {
    const issues = validateConfig(
      config({ servers: { b: { type: 's3', bucket: 'x' }, r: { type: 'web', url: 'https://e.com', auth: { method: 'oauth' } } } }),
      fragments,
      {
        knownProviders: { s3: '@mcpctl/plugin-s3', oauth: '@mcpctl/plugin-auth-oauth' },
        // The words come from the plugin that installs plugins (its manifest's `hints.install`).
        installHint: (name) => `install it with \`mcpctl plugins install ${name}\``,
      },
    );
    expect(issues.map((issue) => issue.message)).toEqual([
      'type `s3` is provided by @mcpctl/plugin-s3, which is not installed',
      'auth method `oauth` is provided by @mcpctl/plugin-auth-oauth, which is not installed',
    ]);
    expect(issues[0]!.hint).toBe('Install it with `mcpctl plugins install @mcpctl/plugin-s3`, or use one of: memo, pipe, web, stdio.');
  });

  it('without an installing plugin, names the npm package', () => {
    const issues = validateConfig(config({ servers: { b: { type: 's3', bucket: 'x' } } }), fragments, { knownProviders: { s3: '@mcpctl/plugin-s3' } });
    expect(issues[0]!.hint).toBe('Install the npm package @mcpctl/plugin-s3 where mcpctl finds plugins, or use one of: memo, pipe, web, stdio.');
  });

  it('does not quote secret values in messages', () => {
    const issues = validateConfig(config({ servers: { t: { type: 'stdio', command: 'x', env: { API_TOKEN: 12345, OTHER: 678 } } } }), fragments, {
      secretPointers: ['/servers/t/env/OTHER'],
    });
    expect(issues.map((issue) => issue.message)).toEqual(['expected string, found number (secret)', 'expected string, found number (secret)']);
    expect(JSON.stringify(issues)).not.toMatch(/12345|678/);
  });

  it('checks pluginConfig keys against installed plugins when told which are installed', () => {
    const value = config({ pluginConfig: { 'fake-stdoi': { a: 1 } } });
    expect(validateConfig(value, fragments)).toEqual([]);
    const [issue] = validateConfig(value, fragments, { knownPlugins: ['fake-stdio', 'mcpctl-plugin-config-fixture'] });
    expect(issue).toMatchObject({ pointer: '/pluginConfig/fake-stdoi', message: 'settings for `fake-stdoi`, which is not an installed plugin (did you mean `fake-stdio`?)' });
  });

  it('collapses alternatives into one issue', () => {
    const fragment = stdioFragment({
      schema: { $defs: { 'transport:stdio': { properties: { command: { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] } } } } },
    });
    const typeOnly = validateConfig(config({ servers: { t: { type: 'stdio', command: 5 } } }), [fragment]);
    expect(typeOnly.map((issue) => [issue.pointer, issue.message])).toEqual([['/servers/t/command', 'expected string or array, found number 5']]);
    const deeper = validateConfig(config({ servers: { t: { type: 'stdio', command: ['ok', 2] } } }), [fragment]);
    expect(deeper.map((issue) => [issue.pointer, issue.message])).toEqual([['/servers/t/command/1', 'expected string, found number 2']]);
  });

  it('gives issues the line and column of the profile value when a profile supplied it', () => {
    const file = virtualFile(
      { servers: { a: { type: 'memo', roots: ['.'] } }, profiles: { dev: { servers: { a: { roots: 'x', rots: 1 } } } } },
      {
        '': { line: 1, column: 1 },
        '/servers': { line: 1, column: 1 },
        '/servers/a': { line: 2, column: 3 },
        '/servers/a/roots': { line: 4, column: 5 },
        '/profiles/dev/servers/a/roots': { line: 9, column: 9 },
      },
    );
    const resolved = resolveConfig(file, { env: {}, profile: 'dev' });
    const issues = validateConfig(resolved.config, fragments, { file, profile: 'dev' });
    expect(issues.map((issue) => [issue.pointer, issue.line, issue.column])).toEqual([
      ['/servers/a/rots', 2, 3],
      ['/servers/a/roots', 9, 9],
    ]);
  });

  it('reuses compiled validators for the same schemas', () => {
    const base = baseConfigSchema();
    const set = validatorSetFor(base, fragments);
    // Same content (even as new objects) → the same ajv instance and compiled functions.
    expect(validatorSetFor(structuredClone(base), structuredClone(fragments))).toBe(set);
    expect(set.forDef(fragments[1]!, 'transport:stdio', ['type'])).toBe(set.forDef(fragments[1]!, 'transport:stdio', ['type']));
    expect(validatorSetFor(base, [fragments[0]!])).not.toBe(set);
  });

  it('a plugin whose schema does not compile is PLUGIN_SCHEMA_INVALID naming it', () => {
    const broken = stdioFragment({ plugin: 'broken', schema: { $id: 'https://example.test/broken.json', $defs: { 'transport:stdio': { type: 'no-such-type' } } } });
    expect(checkConfigFragment(broken)).toMatch(/no-such-type|must be equal/);
    expect(checkConfigFragment(stdioFragment())).toBeUndefined();
    const dangling = stdioFragment({ plugin: 'dangling', schema: { $id: 'https://example.test/dangling.json', $defs: { 'transport:stdio': { $ref: '#/$defs/missing' } } } });
    expect(checkConfigFragment(dangling)).toMatch(/missing/);
    expect(() => validateConfig(config({}), [broken])).toThrow(expect.objectContaining({ code: errors.PLUGIN_SCHEMA_INVALID.code, message: expect.stringContaining('broken') }));
  });
});

describe('configInvalidError', () => {
  it('lists every issue as file:line:col  pointer  message, carries them in details, exits 2', () => {
    const error = configInvalidError(
      [
        { pointer: '/servers/a/rots', line: 4, column: 5, message: 'unknown option `rots` (did you mean `roots`?)', hint: 'Rename it to `roots`.' },
        { pointer: '/plugins', message: 'expected array, found string "x"', hint: 'Write an array.' },
      ],
      '/elsewhere/mcpctl.config.yaml',
    );
    expect(errors.CONFIG_INVALID.is(error)).toBe(true);
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe(
      [
        '/elsewhere/mcpctl.config.yaml has 2 problems:',
        '  /elsewhere/mcpctl.config.yaml:4:5  /servers/a/rots  unknown option `rots` (did you mean `roots`?)',
        '      hint: Rename it to `roots`.',
        '  /elsewhere/mcpctl.config.yaml  /plugins  expected array, found string "x"',
        '      hint: Write an array.',
      ].join('\n'),
    );
    expect((error.details?.['issues'] as unknown[]).length).toBe(2);
  });
});
