import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { VerifyRequest } from '@mcpctl/kernel';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAuthorizationServer, type RunningAuthorizationServer } from './support/authorization-server.js';
import { createJwtVerifier } from '../src/verify/jwt-verifier.js';
import { createIntrospectionVerifier } from '../src/verify/introspection-verifier.js';

const RESOURCE = 'http://127.0.0.1:7777/mcp';
const ISSUER = 'https://issuer.test';

/** A JWKS endpoint whose key set the test can rotate. */
let jwksServer: Server;
let jwksUrl: string;
let published: JWK[] = [];
let jwksFetches = 0;
let keyA: CryptoKey;
let keyB: CryptoKey;
let as: RunningAuthorizationServer;

beforeAll(async () => {
  const a = await generateKeyPair('RS256', { extractable: true });
  const b = await generateKeyPair('RS256', { extractable: true });
  keyA = a.privateKey;
  keyB = b.privateKey;
  published = [{ ...(await exportJWK(a.publicKey)), kid: 'a', alg: 'RS256', use: 'sig' }];
  const nextKey = { ...(await exportJWK(b.publicKey)), kid: 'b', alg: 'RS256', use: 'sig' };
  (globalThis as { rotate?: () => void }).rotate = () => { published = [published[0]!, nextKey]; };
  jwksServer = createServer((_req, res) => {
    jwksFetches++;
    res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ keys: published }));
  });
  await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
  jwksUrl = `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}/jwks`;
  as = await startAuthorizationServer();
  as.resources[RESOURCE] = { scope: 'mcp:read mcp:write', format: 'opaque' };
});
afterAll(async () => {
  await new Promise((resolve) => jwksServer.close(resolve));
  await as.close();
});

function request(token?: string, headers: Record<string, string> = {}): VerifyRequest {
  return { method: 'POST', url: RESOURCE, resource: RESOURCE, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers } };
}

async function sign(claims: Record<string, unknown>, options: { key?: CryptoKey; kid?: string; alg?: string } = {}) {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ iss: ISSUER, aud: RESOURCE, sub: 'alice', client_id: 'app', scope: 'mcp:read', iat: now, exp: now + 300, ...claims })
    .setProtectedHeader({ alg: options.alg ?? 'RS256', kid: options.kid ?? 'a', typ: 'at+jwt' })
    .sign(options.key ?? keyA);
}

describe('jwt verifier', () => {
  const verifier = () => createJwtVerifier({ config: { method: 'jwt', issuer: ISSUER, jwksUri: jwksUrl, requiredScopes: ['mcp:read'], jwksCooldownSeconds: 0 }, endpointPath: '/mcp' });

  it('accepts a valid token and hands on the principal', async () => {
    const result = await verifier().verify(request(await sign({})));
    expect(result).toEqual({ ok: true, principal: expect.objectContaining({ subject: 'alice', scopes: ['mcp:read'], clientId: 'app', method: 'jwt', expiresAt: expect.any(Number) }) });
  });

  it('answers 401 with resource_metadata and scope when no token is sent', async () => {
    const result = await verifier().verify(request());
    expect(result).toMatchObject({ ok: false, status: 401, challenge: 'Bearer resource_metadata="http://127.0.0.1:7777/.well-known/oauth-protected-resource/mcp", scope="mcp:read"' });
  });

  it.each([
    ['expired', { exp: Math.floor(Date.now() / 1000) - 3600 }, /expired/],
    ['wrong audience', { aud: 'http://127.0.0.1:7777/other' }, /aud/],
    ['wrong issuer', { iss: 'https://evil.test' }, /iss/],
  ])('refuses a token with %s (401 invalid_token)', async (_name, claims, why) => {
    const result = await verifier().verify(request(await sign(claims)));
    expect(result).toMatchObject({ ok: false, status: 401, message: expect.stringMatching(why), challenge: expect.stringContaining('error="invalid_token"') });
  });

  it('refuses alg none, and HS256 signed with the public key (no algorithm confusion)', async () => {
    const body = Buffer.from(JSON.stringify({ iss: ISSUER, aud: RESOURCE, sub: 'mallory', scope: 'mcp:read', exp: Math.floor(Date.now() / 1000) + 300 })).toString('base64url');
    const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${body}.`;
    expect(await verifier().verify(request(none))).toMatchObject({ ok: false, status: 401 });
    const publicKeyText = new TextEncoder().encode(JSON.stringify(published[0]));
    const hs = await new SignJWT({ iss: ISSUER, aud: RESOURCE, sub: 'mallory', scope: 'mcp:read' }).setProtectedHeader({ alg: 'HS256', kid: 'a' }).setExpirationTime('5m').sign(publicKeyText);
    expect(await verifier().verify(request(hs))).toMatchObject({ ok: false, status: 401 });
    expect(() => createJwtVerifier({ config: { method: 'jwt', issuer: ISSUER, jwksUri: jwksUrl, algorithms: ['none'] }, endpointPath: '/mcp' })).toThrow(/never accepted/);
    expect(() => createJwtVerifier({ config: { method: 'jwt', issuer: ISSUER, jwksUri: jwksUrl, algorithms: ['HS256'] }, endpointPath: '/mcp' })).toThrow(/only asymmetric/);
  });

  it('refetches the JWKS on an unknown kid and accepts a token signed with the rotated key', async () => {
    const v = verifier();
    expect(await v.verify(request(await sign({})))).toMatchObject({ ok: true });
    const fetches = jwksFetches;
    expect(await v.verify(request(await sign({}, { key: keyB, kid: 'b' })))).toMatchObject({ ok: false, message: expect.stringContaining('unknown kid') });
    (globalThis as { rotate?: () => void }).rotate!();
    expect(await v.verify(request(await sign({}, { key: keyB, kid: 'b' })))).toMatchObject({ ok: true });
    expect(jwksFetches).toBeGreaterThan(fetches);
    // Cached: the next verifications fetch nothing.
    const after = jwksFetches;
    await v.verify(request(await sign({})));
    expect(jwksFetches).toBe(after);
  });

  it('answers 403 insufficient_scope naming the missing scope', async () => {
    const result = await createJwtVerifier({ config: { method: 'jwt', issuer: ISSUER, jwksUri: jwksUrl, requiredScopes: ['mcp:read', 'mcp:admin'] }, endpointPath: '/mcp' }).verify(request(await sign({})));
    expect(result).toMatchObject({ ok: false, status: 403, message: 'insufficient scope: missing mcp:admin' });
    expect((result as { challenge: string }).challenge).toBe('Bearer resource_metadata="http://127.0.0.1:7777/.well-known/oauth-protected-resource/mcp", scope="mcp:read mcp:admin", error="insufficient_scope", error_description="missing scope mcp:admin"');
  });

  it('publishes Protected Resource Metadata (path-suffixed and root)', async () => {
    const v = createJwtVerifier({ config: { method: 'jwt', issuer: ISSUER, jwksUri: jwksUrl, scopesSupported: ['mcp:read', 'mcp:write'] }, endpointPath: '/mcp' });
    expect(v.routes!.map((r) => r.path)).toEqual(['/.well-known/oauth-protected-resource/mcp', '/.well-known/oauth-protected-resource']);
    const answer = await v.routes![0]!.handle(request());
    expect(answer.body).toEqual({ resource: RESOURCE, authorization_servers: [ISSUER], scopes_supported: ['mcp:read', 'mcp:write'], bearer_methods_supported: ['header'] });
  });

  it('rejects a bad config with a coded error', () => {
    expect(() => createJwtVerifier({ config: { method: 'jwt', issuer: ISSUER }, endpointPath: '/mcp' })).toThrow(expect.objectContaining({ code: 'MCPCTL_VERIFIER_CONFIG_INVALID' }));
    expect(() => createJwtVerifier({ config: { method: 'jwt', issuer: ISSUER, jwksUri: jwksUrl, bogus: 1 }, endpointPath: '/mcp' })).toThrow(/unknown option "bogus"/);
  });
});

describe('introspection verifier (RFC 7662, oidc-provider)', () => {
  async function opaqueToken(scope = 'mcp:read'): Promise<string> {
    const response = await fetch(`${as.issuer}/token`, {
      method: 'POST',
      headers: { Authorization: `Basic ${Buffer.from('machine-basic:machine-basic-secret').toString('base64')}` },
      body: new URLSearchParams({ grant_type: 'client_credentials', scope, resource: RESOURCE }),
    });
    return ((await response.json()) as { access_token: string }).access_token;
  }
  const verifier = (extra: Record<string, unknown> = {}) => createIntrospectionVerifier({ config: { method: 'oauth', issuer: as.issuer, clientId: 'rs-client', clientSecret: 'rs-secret', requiredScopes: ['mcp:read'], ...extra }, endpointPath: '/mcp' });

  it('accepts an active token (endpoint found in the OpenID metadata) and caches the answer', async () => {
    const v = verifier();
    const token = await opaqueToken();
    expect(await v.verify(request(token))).toMatchObject({ ok: true, principal: { subject: 'machine-basic', clientId: 'machine-basic', scopes: ['mcp:read'], method: 'oauth' } });
    const calls = as.requests.filter((p) => p === '/token/introspection').length;
    await v.verify(request(token));
    expect(as.requests.filter((p) => p === '/token/introspection').length).toBe(calls);
  });

  it('refuses an inactive (revoked) token', async () => {
    const token = await opaqueToken();
    await fetch(`${as.issuer}/token/revocation`, { method: 'POST', headers: { Authorization: `Basic ${Buffer.from('machine-basic:machine-basic-secret').toString('base64')}` }, body: new URLSearchParams({ token }) });
    expect(await verifier().verify(request(token))).toMatchObject({ ok: false, status: 401, message: expect.stringContaining('not active') });
    expect(await verifier().verify(request('not-a-token-at-all'))).toMatchObject({ ok: false, status: 401 });
  });

  it('checks audience and scope like the jwt verifier', async () => {
    const token = await opaqueToken();
    expect(await verifier({ audience: 'http://127.0.0.1:7777/elsewhere' }).verify(request(token))).toMatchObject({ ok: false, status: 401, message: expect.stringContaining('aud') });
    expect(await verifier({ requiredScopes: ['mcp:write'] }).verify(request(token))).toMatchObject({ ok: false, status: 403, challenge: expect.stringContaining('error="insufficient_scope"') });
  });
});
