import { mkdir, readFile, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserCommand } from '../src/client/browser.js';
import { parseChallenge } from '../src/client/challenge.js';
import { chooseAuthMethod } from '../src/client/client-authentication.js';
import { checkResponse } from '../src/client/grants/authorization-code.js';
import { parseOAuthSettings } from '../src/client/settings.js';
import { bearerChallenge, bearerToken } from '../src/verify/challenge.js';
import { tempStore } from './support/connect.js';

describe('settings', () => {
  it('reads a full block and normalizes scopes', () => {
    const settings = parseOAuthSettings({ method: 'oauth', clientId: 'a', clientSecret: 's', grant: 'client_credentials', scopes: 'x y x', redirectPort: 8765, loginTimeoutSeconds: 10 });
    expect(settings).toMatchObject({ clientId: 'a', grant: 'client_credentials', scopes: ['x', 'y'], redirectPort: 8765, loginTimeoutMs: 10_000 });
  });

  it.each([
    [{ grant: 'password' }, /"grant" must be one of/],
    [{ clientSecret: 's' }, /"clientSecret" needs "clientId"/],
    [{ clientId: 'a', clientAuth: 'private_key_jwt' }, /needs "privateKey"/],
    [{ redirectPort: 70000 }, /port number/],
    [{ clientMetadataUrl: 'http://insecure.example/c.json' }, /https/],
    [{ scopes: ['ok', 'bad"scope'] }, /RFC 6749/],
    [{ enterprise: { idpIssuer: 'https://idp' } }, /enterprise.idpClientId/],
    [{ clinetId: 'typo' }, /unknown option "clinetId"/],
  ])('refuses %o with a coded error that echoes no value', (extra, message) => {
    let error: unknown;
    try {
      parseOAuthSettings({ method: 'oauth', ...extra }, 'remote');
    } catch (caught) {
      error = caught;
    }
    expect(error).toMatchObject({ code: 'MCPCTL_OAUTH_CONFIG_INVALID', exitCode: 2, message: expect.stringMatching(message) });
    expect((error as Error).message).toContain('(server remote)');
  });
});

describe('token endpoint auth method', () => {
  const md = (methods?: string[]) => ({ issuer: 'i', authorization_endpoint: 'https://i/a', token_endpoint: 'https://i/t', response_types_supported: ['code'], ...(methods ? { token_endpoint_auth_methods_supported: methods } : {}) });
  it('prefers basic with a secret, post when only that is listed, none without one', () => {
    expect(chooseAuthMethod({ information: { client_id: 'c', client_secret: 's' } }, md(['client_secret_basic', 'client_secret_post']))).toBe('client_secret_basic');
    expect(chooseAuthMethod({ information: { client_id: 'c', client_secret: 's' } }, md(['client_secret_post']))).toBe('client_secret_post');
    expect(chooseAuthMethod({ information: { client_id: 'c' } }, md(['none', 'client_secret_basic']))).toBe('none');
    expect(chooseAuthMethod({ information: { client_id: 'c' }, privateKey: 'k' }, md(['private_key_jwt']))).toBe('private_key_jwt');
    expect(chooseAuthMethod({ information: { client_id: 'c', client_secret: 's' } }, md())).toBe('client_secret_basic');
  });
});

describe('authorization response checks (state, RFC 9207 iss)', () => {
  const metadata = { issuer: 'https://as.example', authorization_response_iss_parameter_supported: true };
  it('accepts the matching response and refuses every mismatch', () => {
    expect(() => checkResponse({ code: 'c', state: 's', iss: 'https://as.example' }, 's', metadata)).not.toThrow();
    expect(() => checkResponse({ code: 'c', state: 'x', iss: 'https://as.example' }, 's', metadata)).toThrow(/state does not match/);
    expect(() => checkResponse({ code: 'c', iss: 'https://as.example' }, 's', metadata)).toThrow(/no state/);
    expect(() => checkResponse({ code: 'c', state: 's' }, 's', metadata)).toThrow(/advertises the iss parameter/);
    expect(() => checkResponse({ code: 'c', state: 's', iss: 'https://evil.example' }, 's', metadata)).toThrow(/names issuer/);
    expect(() => checkResponse({ error: 'access_denied', state: 's', iss: 'https://as.example' }, 's', metadata)).toThrow(expect.objectContaining({ code: 'MCPCTL_OAUTH_AUTHORIZATION_FAILED' }));
  });
});

describe('challenges', () => {
  it('round-trips a Bearer challenge through the SDK parser', () => {
    const header = bearerChallenge({ resourceMetadata: 'https://h/.well-known/oauth-protected-resource/mcp', scope: 'a b', error: 'insufficient_scope' });
    expect(parseChallenge(header)).toEqual({ resourceMetadataUrl: 'https://h/.well-known/oauth-protected-resource/mcp', scope: 'a b', error: 'insufficient_scope' });
    expect(parseChallenge('Basic realm="x"')).toEqual({});
  });

  it('takes the token from the Authorization header only, and says why it refuses one', () => {
    expect(bearerToken({ authorization: 'Bearer abc.def-ghi' })).toEqual({ token: 'abc.def-ghi' });
    expect(bearerToken({ authorization: 'Basic Zm9v' }).malformed).toMatch(/not a Bearer/);
    expect(bearerToken({ authorization: 'Bearer a b' }).malformed).toMatch(/malformed/);
    expect(bearerToken({})).toEqual({});
  });
});

describe('browser', () => {
  it('$BROWSER first (with %s), then nothing without a display on Linux', () => {
    expect(browserCommand('https://x', { BROWSER: 'firefox --new-tab %s:chromium' })).toEqual(['firefox', '--new-tab', 'https://x']);
    expect(browserCommand('https://x', { BROWSER: 'w3m' })).toEqual(['w3m', 'https://x']);
    if (process.platform === 'linux') expect(browserCommand('https://x', { PATH: '/usr/bin' })).toBeUndefined();
  });
});

describe('token store', () => {
  let store: Awaited<ReturnType<typeof tempStore>>;
  beforeAll(async () => { store = await tempStore(); });
  afterAll(async () => { await store.cleanup(); });

  it('writes 0600 files in a 0700 directory and reads them back', async () => {
    await store.store.writeResource({ version: 1, serverUrl: 'https://s.example/mcp#frag', grants: [] });
    const path = store.store.resourcePath('https://s.example/mcp');
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect((await stat(store.store.dir)).mode & 0o777).toBe(0o700);
    expect(await store.store.readResource('https://s.example/mcp')).toMatchObject({ serverUrl: 'https://s.example/mcp#frag' });
  });

  it('treats a corrupt file as absent', async () => {
    await writeFile(store.store.resourcePath('https://corrupt.example/mcp'), '{not json');
    expect(await store.store.readResource('https://corrupt.example/mcp')).toBeUndefined();
  });

  it('serializes holders of the lock and takes over a stale one', async () => {
    const order: string[] = [];
    const slow = store.store.withLock('https://l.example/mcp', async () => { order.push('a-in'); await new Promise((r) => setTimeout(r, 100)); order.push('a-out'); });
    await new Promise((r) => setTimeout(r, 10));
    const fast = store.store.withLock('https://l.example/mcp', async () => { order.push('b'); });
    await Promise.all([slow, fast]);
    expect(order).toEqual(['a-in', 'a-out', 'b']);
    // A lock left by a dead process (older than 30 s) does not block.
    const lock = `${store.store.resourcePath('https://stale.example/mcp')}.lock`;
    await mkdir(store.store.dir, { recursive: true });
    await writeFile(lock, '999999\n');
    const old = new Date(Date.now() - 60_000);
    await utimes(lock, old, old);
    expect(await store.store.withLock('https://stale.example/mcp', async () => 'ran')).toBe('ran');
    await expect(readFile(lock)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
