import { readFile, writeFile } from 'node:fs/promises';
import { exportJWK, exportPKCS8, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAuthorizationServer, type RunningAuthorizationServer } from './support/authorization-server.js';
import { callTool, tempStore, testClient } from './support/connect.js';
import { startResourceServer, type RunningResourceServer } from './support/resource-server.js';
import { clientIdentity } from '../src/client/identity.js';
import { discover } from '../src/client/discovery.js';
import { parseOAuthSettings } from '../src/client/settings.js';

let as: RunningAuthorizationServer;
let server: RunningResourceServer;
let opaque: RunningResourceServer;
let store: Awaited<ReturnType<typeof tempStore>>;
let jwtKeyPem: string;

beforeAll(async () => {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  jwtKeyPem = await exportPKCS8(privateKey);
  as = await startAuthorizationServer({
    clients: [{
      client_id: 'machine-jwt', grant_types: ['client_credentials'], response_types: [], redirect_uris: [],
      token_endpoint_auth_method: 'private_key_jwt', token_endpoint_auth_signing_alg: 'ES256',
      jwks: { keys: [{ ...(await exportJWK(publicKey)), kid: 'machine-jwt-1', alg: 'ES256', use: 'sig' }] },
    }],
  });
  server = await startResourceServer({ as, prm: 'header', requiredScopes: ['mcp:read'] });
  opaque = await startResourceServer({ as, prm: 'path', format: 'opaque', requiredScopes: ['mcp:read'] });
  store = await tempStore();
});
afterAll(async () => {
  await server.close();
  await opaque.close();
  await as.close();
  await store.cleanup();
});

const count = (path: string) => as.requests.filter((p) => p === path).length;

describe('client identity', () => {
  it('uses a pre-registered client from config (no registration)', async () => {
    const before = count('/reg');
    const client = testClient(server.url, { clientId: 'native-pre' }, { store: store.store });
    expect(await callTool(server.url, client)).toMatchObject({ clientId: 'native-pre' });
    expect(count('/reg')).toBe(before);
  });

  it('registers dynamically once per authorization server and reuses the registration', async () => {
    const { store: fresh, cleanup } = await tempStore();
    try {
      const before = count('/reg');
      const first = await callTool(server.url, testClient(server.url, {}, { store: fresh }));
      const second = await callTool(opaque.url, testClient(opaque.url, {}, { store: fresh }));
      expect(count('/reg')).toBe(before + 1);
      expect(second.clientId).toBe(first.clientId);
    } finally {
      await cleanup();
    }
  });

  it('takes a Client ID Metadata Document URL when the server supports them, else registers', async () => {
    const found = await discover(opaque.url);
    const settings = parseOAuthSettings({ method: 'oauth', clientMetadataUrl: 'https://mcpctl.example/client.json' });
    const supported = { ...found, metadata: { ...found.metadata, client_id_metadata_document_supported: true } };
    const before = count('/reg');
    const identity = await clientIdentity(settings, supported, false, store.store, fetch);
    expect(identity).toMatchObject({ source: 'metadata-document', information: { client_id: 'https://mcpctl.example/client.json' } });
    expect(count('/reg')).toBe(before);
    const fallback = await clientIdentity(settings, found, false, (await tempStore()).store, fetch);
    expect(fallback.source).toBe('registration');
  });
});

describe('grants', () => {
  it('device authorization grant for a machine without a browser', async () => {
    const { store: fresh, cleanup } = await tempStore();
    try {
      const told: string[] = [];
      const client = testClient(server.url, { grant: 'device_code' }, { store: fresh, told });
      expect(await callTool(server.url, client)).toMatchObject({ scopes: expect.arrayContaining(['mcp:read']) });
      expect(told.join('\n')).toMatch(/enter the code [A-Z-]+/);
      expect((await client.currentGrant())?.grant).toBe('device_code');
    } finally {
      await cleanup();
    }
  });

  it.each([
    ['client_secret_basic', 'machine-basic', 'machine-basic-secret'],
    ['client_secret_post', 'machine-post', 'machine-post-secret'],
  ])('client credentials with %s', async (method, clientId, clientSecret) => {
    const client = testClient(server.url, { grant: 'client_credentials', clientId, clientSecret, clientAuth: method }, { store: store.store, interactive: false });
    expect(await callTool(server.url, client)).toMatchObject({ clientId, scopes: ['mcp:read'] });
  });

  it('client credentials with private_key_jwt (RFC 7523)', async () => {
    const client = testClient(server.url, { grant: 'client_credentials', clientId: 'machine-jwt', privateKey: jwtKeyPem }, { store: store.store, interactive: false });
    expect(await callTool(server.url, client)).toMatchObject({ clientId: 'machine-jwt' });
  });

  it('refuses a client secret method the server does not support', async () => {
    const liar = await startAuthorizationServer({ rewriteMetadata: (m) => ({ ...m, token_endpoint_auth_methods_supported: ['private_key_jwt'] }) });
    const rs = await startResourceServer({ as: liar, prm: 'root', requiredScopes: ['mcp:read'] });
    try {
      const client = testClient(rs.url, { grant: 'client_credentials', clientId: 'machine-basic', clientSecret: 'x', clientAuth: 'client_secret_basic' }, { store: store.store, interactive: false });
      await expect(callTool(rs.url, client)).rejects.toMatchObject({ code: 'MCPCTL_OAUTH_CONFIG_INVALID' });
    } finally {
      await rs.close();
      await liar.close();
    }
  });

  it('refuses an authorization server without PKCE S256', async () => {
    const noPkce = await startAuthorizationServer({ rewriteMetadata: (m) => ({ ...m, code_challenge_methods_supported: ['plain'] }) });
    const rs = await startResourceServer({ as: noPkce, prm: 'root', requiredScopes: ['mcp:read'] });
    try {
      await expect(callTool(rs.url, testClient(rs.url, {}, { store: store.store }))).rejects.toMatchObject({ code: 'MCPCTL_OAUTH_PKCE_UNSUPPORTED' });
    } finally {
      await rs.close();
      await noPkce.close();
    }
  });

  it('refuses a redirect whose state does not match', async () => {
    const { store: fresh, cleanup } = await tempStore();
    try {
      const client = testClient(server.url, {}, { store: fresh, drive: { tamper: (u) => { u.searchParams.set('state', 'forged'); return u; } } });
      await expect(callTool(server.url, client)).rejects.toMatchObject({ code: 'MCPCTL_OAUTH_STATE_MISMATCH' });
      expect(await client.currentGrant()).toBeUndefined();
    } finally {
      await cleanup();
    }
  });

  it('refuses a redirect naming another issuer (RFC 9207)', async () => {
    const { store: fresh, cleanup } = await tempStore();
    try {
      const client = testClient(server.url, {}, { store: fresh, drive: { tamper: (u) => { u.searchParams.set('iss', 'http://127.0.0.1:9/other'); return u; } } });
      await expect(callTool(server.url, client)).rejects.toMatchObject({ code: 'MCPCTL_OAUTH_STATE_MISMATCH', message: expect.stringContaining('issuer') });
    } finally {
      await cleanup();
    }
  });

  it('fails with a clear error when a login is needed and nobody can log in (the daemon)', async () => {
    const { store: fresh, cleanup } = await tempStore();
    try {
      const client = testClient(server.url, {}, { store: fresh, interactive: false });
      await expect(callTool(server.url, client)).rejects.toMatchObject({ code: 'MCPCTL_OAUTH_LOGIN_REQUIRED', hint: expect.stringContaining('mcpctl auth login') });
    } finally {
      await cleanup();
    }
  });
});

describe('tokens', () => {
  it('asks for offline_access (listed by the AS), refreshes before expiry, rotates the refresh token', async () => {
    const { store: fresh, cleanup } = await tempStore();
    try {
      const opened: string[] = [];
      const client = testClient(server.url, {}, { store: fresh, opened });
      await callTool(server.url, client);
      const first = (await client.currentGrant())!;
      const asked = new URL(opened[0]!);
      expect(asked.searchParams.get('scope')?.split(' ')).toEqual(['mcp:read', 'offline_access']);
      expect(asked.searchParams.get('resource')).toBe(server.url);
      expect(asked.searchParams.get('code_challenge_method')).toBe('S256');
      expect(first.tokens.refreshToken).toMatch(/^\S{16,}$/);
      await expireStored(fresh.resourcePath(server.url));
      const logins = count('/auth');
      await callTool(server.url, client);
      const second = (await client.currentGrant())!;
      expect(second.tokens.accessToken).not.toBe(first.tokens.accessToken);
      expect(second.tokens.refreshToken).not.toBe(first.tokens.refreshToken);
      expect(count('/auth')).toBe(logins);
      // oidc-provider: a rotated-away refresh token, presented again, revokes the whole family.
      const reuse = await fetch(`${as.issuer}/token`, { method: 'POST', body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: first.tokens.refreshToken!, client_id: second.clientId }) });
      expect(((await reuse.json()) as { error: string }).error).toBe('invalid_grant');
      // The family is gone: refreshing fails, the grant is dropped, and without a terminal a login is asked for.
      await expireStored(fresh.resourcePath(server.url));
      const headless = testClient(server.url, {}, { store: fresh, interactive: false });
      await expect(callTool(server.url, headless)).rejects.toMatchObject({ code: 'MCPCTL_OAUTH_LOGIN_REQUIRED' });
      expect(await headless.currentGrant()).toBeUndefined();
    } finally {
      await cleanup();
    }
  });

  it('answers a 401 for a revoked access token by refreshing', async () => {
    const { store: fresh, cleanup } = await tempStore();
    try {
      const client = testClient(opaque.url, {}, { store: fresh });
      await callTool(opaque.url, client);
      const grant = (await client.currentGrant())!;
      const revoked = await fetch(`${as.issuer}/token/revocation`, { method: 'POST', body: new URLSearchParams({ token: grant.tokens.accessToken, client_id: grant.clientId }) });
      expect(revoked.status).toBe(200);
      // A 401 within 2 s of new tokens reads as "rejected", not "revoked since": let that window pass.
      await new Promise((resolve) => setTimeout(resolve, 3_000 - (Date.now() - grant.obtainedAt)));
      expect(await callTool(opaque.url, client)).toMatchObject({ scopes: expect.arrayContaining(['mcp:read']) });
      expect((await client.currentGrant())!.tokens.accessToken).not.toBe(grant.tokens.accessToken);
    } finally {
      await cleanup();
    }
  }, 20_000);

  it('logout revokes the tokens at the authorization server (RFC 7009) and forgets them', async () => {
    const { store: fresh, cleanup } = await tempStore();
    try {
      const client = testClient(server.url, {}, { store: fresh });
      await callTool(server.url, client);
      const grant = (await client.currentGrant())!;
      expect(await client.logout()).toEqual({ removed: true, revoked: true });
      expect(await client.currentGrant()).toBeUndefined();
      const reuse = await fetch(`${as.issuer}/token`, { method: 'POST', body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: grant.tokens.refreshToken!, client_id: grant.clientId }) });
      expect(((await reuse.json()) as { error: string }).error).toBe('invalid_grant');
    } finally {
      await cleanup();
    }
  });

  it('shares the store between processes: one refreshes, the other picks it up without refreshing', async () => {
    const { store: fresh, cleanup } = await tempStore();
    try {
      const cli = testClient(server.url, {}, { store: fresh });
      await callTool(server.url, cli);
      const daemon = testClient(server.url, {}, { store: fresh, interactive: false });
      await callTool(server.url, daemon);
      await expireStored(fresh.resourcePath(server.url));
      const before = as.requests.filter((p) => p === '/token').length;
      // Both notice the expiry at once; the lock lets one refresh, the other takes its tokens.
      await Promise.all([callTool(server.url, cli), callTool(server.url, daemon)]);
      expect(as.requests.filter((p) => p === '/token').length).toBe(before + 1);
      expect((await daemon.currentGrant())!.tokens.accessToken).toBe((await cli.currentGrant())!.tokens.accessToken);
    } finally {
      await cleanup();
    }
  });
});

/** Make the stored access token look expired (as time passing would). */
async function expireStored(path: string): Promise<void> {
  const record = JSON.parse(await readFile(path, 'utf8'));
  for (const grant of record.grants) grant.tokens.expiresAt = Date.now() - 1000;
  await writeFile(path, JSON.stringify(record));
}
