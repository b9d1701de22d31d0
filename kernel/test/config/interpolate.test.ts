import { describe, expect, it } from 'vitest';
import { interpolateString, resolveConfig } from '../../src/config/index.js';
import { errors } from '../../src/index.js';
import { virtualFile as file } from './helpers.js';

describe('interpolateString', () => {
  const env = { HOST: 'db.local', EMPTY: '', TOKEN: 's3cret' };

  it('replaces references and keeps the text around them', () => {
    expect(interpolateString('postgres://${env:HOST}:5432/app', env)).toEqual({ value: 'postgres://db.local:5432/app', substituted: true });
    expect(interpolateString('${env:HOST}-${env:TOKEN}', env).value).toBe('db.local-s3cret');
  });

  it('uses the default when the variable is unset or empty', () => {
    expect(interpolateString('${env:NOPE:-fallback}', env).value).toBe('fallback');
    expect(interpolateString('${env:EMPTY:-fallback}', env).value).toBe('fallback');
    expect(interpolateString('${env:HOST:-fallback}', env).value).toBe('db.local');
    expect(interpolateString('x${env:NOPE:-}y', env).value).toBe('xy');
    expect(interpolateString('${env:NOPE:-a:-b}', env).value).toBe('a:-b');
  });

  it('treats $${ as a literal ${ and leaves other ${…} alone', () => {
    expect(interpolateString('$${env:HOST}', env)).toEqual({ value: '${env:HOST}', substituted: false });
    expect(interpolateString('costs $5 at ${env:HOST}', env).value).toBe('costs $5 at db.local');
    expect(interpolateString('$${env:HOST} is ${env:HOST}', env).value).toBe('${env:HOST} is db.local');
    expect(interpolateString('${HOME} and $PATH', env)).toEqual({ value: '${HOME} and $PATH', substituted: false });
  });

  it('an empty set variable without default is the empty string', () => {
    expect(interpolateString('[${env:EMPTY}]', env).value).toBe('[]');
  });

  it('a missing variable is CONFIG_ENV_MISSING naming it and where it is', () => {
    const error = (() => {
      try {
        interpolateString('Bearer ${env:MISSING_ONE}', env, '/servers/a/headers/Authorization');
      } catch (caught) {
        return caught;
      }
      throw new Error('no error');
    })();
    expect(errors.CONFIG_ENV_MISSING.is(error)).toBe(true);
    expect(error).toMatchObject({ exitCode: 2, details: { variable: 'MISSING_ONE', pointer: '/servers/a/headers/Authorization' } });
    expect((error as Error).message).toContain('MISSING_ONE');
    expect((error as Error).message).toContain('/servers/a/headers/Authorization');
  });

  it('malformed references are CONFIG_ENV_SYNTAX', () => {
    expect(() => interpolateString('${env:BAD-NAME}', env)).toThrow(/Malformed reference \$\{env:BAD-NAME\}/);
    expect(() => interpolateString('${env:UNCLOSED', env)).toThrow(/Malformed reference/);
    expect(() => interpolateString('${env:}', env)).toThrow(/Malformed reference/);
  });
});

describe('resolveConfig interpolation', () => {
  it('interpolates every string value (not keys), records secret pointers, fills top-level keys', () => {
    const resolved = resolveConfig(
      file({
        servers: {
          db: { type: 'pipe', command: 'run', args: ['--url', 'postgres://u:${env:PW}@h/db', 'plain'], env: { '${env:PW}': 'x' } },
        },
      }),
      { env: { PW: 'hunter2' } },
    );
    expect(resolved.config.servers['db']).toEqual({ type: 'pipe', command: 'run', args: ['--url', 'postgres://u:hunter2@h/db', 'plain'], env: { '${env:PW}': 'x' } });
    expect(resolved.secretPointers).toEqual(['/servers/db/args/1']);
    expect(resolved.config).toMatchObject({ plugins: [], pluginConfig: {}, profiles: {}, logging: {} });
    expect(resolved.profile).toBeUndefined();
  });

  it('runs after the profile merge: an unused profile needs no variables; `profiles` stays as written', () => {
    const raw = {
      servers: { a: { type: 'web', url: 'https://${env:HOST:-localhost}/mcp' } },
      profiles: { prod: { servers: { a: { url: 'https://${env:PROD_HOST}/mcp' } } } },
    };
    const base = resolveConfig(file(raw), { env: {} });
    expect(base.config.servers['a']!['url']).toBe('https://localhost/mcp');
    expect(base.config.profiles).toEqual(raw.profiles);
    expect(() => resolveConfig(file(raw), { env: {}, profile: 'prod' })).toThrow(/PROD_HOST/);
    const prod = resolveConfig(file(raw), { env: { PROD_HOST: 'mcp.example.com' }, profile: 'prod' });
    expect(prod.config.servers['a']!['url']).toBe('https://mcp.example.com/mcp');
    expect(prod.profile).toBe('prod');
    expect(prod.secretPointers).toEqual(['/servers/a/url']);
  });

  it('an escape-only string is not a secret', () => {
    const resolved = resolveConfig(file({ servers: { a: { type: 'pipe', command: 'echo $${env:X}' } } }), { env: {} });
    expect(resolved.config.servers['a']!['command']).toBe('echo ${env:X}');
    expect(resolved.secretPointers).toEqual([]);
  });

  it('treats null top-level sections as empty and a missing file as an empty config', () => {
    expect(resolveConfig(file({ servers: null, plugins: null }), { env: {} }).config).toMatchObject({ servers: {}, plugins: [] });
    expect(resolveConfig(undefined, { env: {} }).config).toEqual({ servers: {}, plugins: [], pluginConfig: {}, profiles: {}, logging: {} });
  });
});
