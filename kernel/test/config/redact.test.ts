import { describe, expect, it } from 'vitest';
import { REDACTED, redactConfig, redactString } from '../../src/config/index.js';

describe('redactConfig', () => {
  const config = {
    servers: {
      remote: { type: 'web', url: 'https://example.com/mcp', headers: { Authorization: 'Bearer abc', 'X-Api-Key': 'k1', Accept: 'json' } },
      db: { type: 'pipe', command: 'psql', args: ['postgres://admin:hunter2@db.local:5432/app', '--quiet'], env: { PGPASSWORD: 'pw', GITHUB_TOKEN: 'ghp', LANG: 'C' } },
      local: { type: 'memo', roots: ['./docs'], description: 'from ${env:X}' },
    },
    pluginConfig: { oauth: { clientSecret: 's', credentials: { user: 'me', pass: 'p' }, port: 8080 } },
  };

  it('replaces interpolated values, secret-named keys and URL passwords, in a copy', () => {
    const redacted = redactConfig(config, ['/servers/local/description']);
    expect(redacted).toEqual({
      servers: {
        remote: { type: 'web', url: 'https://example.com/mcp', headers: { Authorization: REDACTED, 'X-Api-Key': REDACTED, Accept: 'json' } },
        db: { type: 'pipe', command: 'psql', args: ['postgres://admin:[redacted]@db.local:5432/app', '--quiet'], env: { PGPASSWORD: REDACTED, GITHUB_TOKEN: REDACTED, LANG: 'C' } },
        local: { type: 'memo', roots: ['./docs'], description: REDACTED },
      },
      pluginConfig: { oauth: { clientSecret: REDACTED, credentials: { user: REDACTED, pass: REDACTED }, port: 8080 } },
    });
    expect(config.servers.remote.headers.Authorization).toBe('Bearer abc');
  });

  it('matches the secret key names case-insensitively', () => {
    const keys = ['password', 'Passwd', 'pass', 'client_secret', 'accessToken', 'apiKey', 'api-key', 'API_KEY', 'authorization', 'Cookie', 'credential'];
    const redacted = redactConfig(Object.fromEntries(keys.map((key) => [key, 'v'])));
    expect(Object.values(redacted)).toEqual(keys.map(() => REDACTED));
    expect(redactConfig({ user: 'me', host: 'h', path: '/p' })).toEqual({ user: 'me', host: 'h', path: '/p' });
  });

  it('keeps non-secret scalars and booleans; a secret pointer to an object redacts it whole', () => {
    expect(redactConfig({ a: { b: 1 }, enabled: true, token: null }, ['/a'])).toEqual({ a: REDACTED, enabled: true, token: null });
  });
});

describe('redactString', () => {
  it('redacts passwords in URLs and secret query parameters only', () => {
    expect(redactString('postgres://user:pass@host/db')).toBe('postgres://user:[redacted]@host/db');
    expect(redactString('mysql://root:p%40ss@127.0.0.1:3306/x and redis://:pw@cache:6379')).toBe('mysql://root:[redacted]@127.0.0.1:3306/x and redis://:[redacted]@cache:6379');
    expect(redactString('https://example.com/mcp?api_key=abc&page=2&token=t')).toBe('https://example.com/mcp?api_key=[redacted]&page=2&token=[redacted]');
    expect(redactString('https://user@example.com:8443/path')).toBe('https://user@example.com:8443/path');
    expect(redactString('http://localhost:3000/a@b')).toBe('http://localhost:3000/a@b');
    expect(redactString('plain text')).toBe('plain text');
  });
});
