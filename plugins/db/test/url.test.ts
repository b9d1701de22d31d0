import { describe, expect, it } from 'vitest';
import { maskText, parseDbUrl, scrub } from '../src/url.js';

describe('database urls', () => {
  it('parses sqlite paths relative to the config directory', () => {
    expect(parseDbUrl('sqlite:./data/app.db', '/etc/mcpctl')).toMatchObject({ engine: 'sqlite', path: '/etc/mcpctl/data/app.db' });
    expect(parseDbUrl('sqlite:///var/app.db', '/x')).toMatchObject({ engine: 'sqlite', path: '/var/app.db' });
    expect(parseDbUrl('sqlite::memory:', '/x')).toMatchObject({ engine: 'sqlite', path: ':memory:' });
  });

  it('parses network urls and masks the password', () => {
    const url = parseDbUrl('postgres://app:p%40ss%3Aword@db.internal:6543/shop?sslmode=require', '/');
    expect(url).toMatchObject({ engine: 'postgres', host: 'db.internal', port: 6543, database: 'shop', user: 'app', password: 'p@ss:word' });
    if (url.engine === 'sqlite') throw new Error('unreachable');
    expect(url.display).toBe('postgres://app:***@db.internal:6543/shop?sslmode=require');
    expect(url.secrets).toContain('p@ss:word');
    expect(parseDbUrl('mariadb://root@localhost/test', '/')).toMatchObject({ engine: 'mysql', port: 3306, database: 'test', password: '' });
  });

  it('refuses unknown schemes without printing the password', () => {
    expect(() => parseDbUrl('oracle://u:hunter22@h/db', '/')).toThrow(expect.objectContaining({ code: 'MCPCTL_DB_URL_INVALID' }));
    try {
      parseDbUrl('oracle://u:hunter22@h/db', '/');
    } catch (error) {
      expect((error as Error).message).not.toContain('hunter22');
    }
  });

  it('scrubs secrets from any text', () => {
    expect(maskText('failed for mysql://root:topsecret@h:3306/x')).toBe('failed for mysql://root:***@h:3306/x');
    expect(scrub('password topsecret rejected', ['topsecret'])).toBe('password *** rejected');
  });
});
