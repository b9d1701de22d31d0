import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AuthVerifier, Logger } from '@mcpctl/kernel';
import { afterEach, describe, expect, it } from 'vitest';
import { apiKeyVerifier } from '../../src/auth/verifiers/api-key.js';
import { basicVerifier } from '../../src/auth/verifiers/basic.js';
import { digestsEqual, hashPassword, parsePasswordHash, passwordMatches, sha256Hex } from '../../src/auth/verifiers/secret-hash.js';
import { applyVerifier } from '../../src/serve/verify-request.js';

const request = (headers: Record<string, string> = {}) => ({ method: 'POST', url: 'http://127.0.0.1/mcp', resource: 'http://127.0.0.1/mcp', headers });
const silent: Logger = { trace() {}, debug() {}, info() {}, warn() {}, error() {}, fatal() {}, child: () => silent } as unknown as Logger;

describe('secret hashes', () => {
  it('compare SHA-256 digests in constant time, case-insensitively, never equal when lengths differ', () => {
    const digest = sha256Hex('k');
    expect(digestsEqual(digest, digest.toUpperCase())).toBe(true);
    expect(digestsEqual(digest, sha256Hex('j'))).toBe(false);
    expect(digestsEqual(digest, digest.slice(0, 62))).toBe(false);
    expect(digestsEqual('', '')).toBe(false);
  });

  it('hash passwords with a fresh salt each time, and check them', async () => {
    const [a, b] = [await hashPassword('pw'), await hashPassword('pw')];
    expect(a).not.toBe(b);
    expect(await passwordMatches('pw', parsePasswordHash(a)!)).toBe(true);
    expect(await passwordMatches('pW', parsePasswordHash(a)!)).toBe(false);
  });

  it.each(['bcrypt$x', 'scrypt$1000$8$1$c2FsdHNhbHQ=$aGFzaGhhc2hoYXNoaGFzaA==', 'scrypt$16384$8$1$c2E=$aGFzaGhhc2hoYXNoaGFzaA==', 'scrypt$16384$8$1$c2FsdHNhbHQ='])('refuse the malformed hash %s', (text) => {
    expect(parsePasswordHash(text)).toBeUndefined();
  });
});

describe('api-key verifier', () => {
  const keys = [{ id: 'ci', sha256: sha256Hex('secret-1'), scopes: ['files.read'] }, { key: 'secret-2' }];

  it('accepts a listed key and names it as the principal, with its scopes', () => {
    const verifier = apiKeyVerifier({ method: 'api-key', keys });
    expect(verifier.verify(request({ 'x-api-key': 'secret-1' }))).toEqual({ ok: true, principal: { subject: 'ci', scopes: ['files.read'], method: 'api-key' } });
    expect(verifier.verify(request({ 'x-api-key': 'secret-2' }))).toMatchObject({ ok: true, principal: { subject: 'key-2', scopes: [] } });
  });

  it('refuses a missing or unknown key with 401 and a challenge naming the header', () => {
    const verifier = apiKeyVerifier({ method: 'api-key', keys, header: 'X-Token', realm: 'docs' });
    for (const headers of [{}, { 'x-token': 'nope' }, { 'x-api-key': 'secret-1' }]) {
      expect(verifier.verify(request(headers))).toMatchObject({ ok: false, status: 401, challenge: 'ApiKey realm="docs", header="X-Token"' });
    }
  });

  it('with a scheme, requires "<scheme> <key>"', () => {
    const verifier = apiKeyVerifier({ method: 'api-key', keys, header: 'Authorization', scheme: 'Bearer' });
    expect(verifier.verify(request({ authorization: 'bearer secret-1' }))).toMatchObject({ ok: true });
    expect(verifier.verify(request({ authorization: 'secret-1' }))).toMatchObject({ ok: false, challenge: 'Bearer realm="mcpctl"' });
  });

  it.each([
    [{ keys: [] }, '"keys" must be a non-empty list'],
    [{ keys: [{ sha256: 'abc' }] }, 'keys[0].sha256 must be 64 hex digits'],
    [{ keys: [{ id: 'x' }] }, 'keys[0] needs `sha256`'],
    [{ keys, realm: 'a"b' }, '"realm" must not contain quotes'],
    [{ keys, header: 'Bad Header' }, 'is not a valid header name'],
  ])('refuses the config %j', (config, message) => {
    expect(() => apiKeyVerifier({ method: 'api-key', ...config }, 'files')).toThrow(expect.objectContaining({ code: 'MCPCTL_AUTH_CONFIG_INVALID', message: expect.stringContaining(message) }));
  });
});

describe('basic verifier', () => {
  const basic = (user: string, password: string) => ({ authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` });

  it('checks users against scrypt hashes (or passwords hashed at start) and refuses everything else with a Basic challenge', async () => {
    const verifier = await basicVerifier({ method: 'basic', users: [{ username: 'alice', hash: await hashPassword('pw-a'), scopes: ['admin'] }, { username: 'bob', password: 'pw-b' }] });
    expect(await verifier.verify(request(basic('alice', 'pw-a')))).toEqual({ ok: true, principal: { subject: 'alice', scopes: ['admin'], method: 'basic' } });
    expect(await verifier.verify(request(basic('alice', 'pw-a')))).toMatchObject({ ok: true }); // remembered
    expect(await verifier.verify(request(basic('bob', 'pw-b')))).toMatchObject({ ok: true, principal: { subject: 'bob' } });
    for (const headers of [{}, basic('alice', 'pw-b'), basic('carol', 'pw-a'), { authorization: 'Basic !!!' }, { authorization: 'Bearer x' }]) {
      expect(await verifier.verify(request(headers))).toMatchObject({ ok: false, status: 401, challenge: 'Basic realm="mcpctl", charset="UTF-8"' });
    }
  });

  it('refuses a user listed twice, a ":" in a name, and a hash that is not scrypt', async () => {
    await expect(basicVerifier({ method: 'basic', users: [{ username: 'a', password: 'x' }, { username: 'a', password: 'y' }] })).rejects.toThrow('listed twice');
    await expect(basicVerifier({ method: 'basic', users: [{ username: 'a:b', password: 'x' }] })).rejects.toThrow('without ":"');
    await expect(basicVerifier({ method: 'basic', users: [{ username: 'a', hash: 'md5$x' }] })).rejects.toThrow('not an scrypt hash');
  });
});

describe('the endpoint side of the verifier contract (applyVerifier)', () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  /** A node:http server that runs applyVerifier and then answers 200 with what reached the "MCP server". */
  async function endpoint(verifier: AuthVerifier): Promise<string> {
    server = createServer((req, res) => {
      void applyVerifier(verifier, req, res, '/mcp', silent).then((decision) => {
        if (decision.action === 'answered') return;
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ path: req.url, auth: (req as IncomingMessage & { auth?: unknown }).auth ?? null }));
      });
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  /** What an OAuth verifier does: metadata route, 401 pointing at it, 403 for a missing scope. */
  const oauthLike: AuthVerifier = {
    method: 'oauth-like',
    routes: [{ path: '/.well-known/oauth-protected-resource/mcp', handle: (req) => ({ status: 200, headers: { 'access-control-allow-origin': '*' }, body: { resource: req.resource, authorization_servers: ['https://issuer.example'] } }) }],
    verify(req) {
      const meta = `${new URL(req.resource).origin}/.well-known/oauth-protected-resource/mcp`;
      const token = String(req.headers['authorization'] ?? '').replace(/^Bearer /, '');
      if (!token) return { ok: false, status: 401, challenge: `Bearer resource_metadata="${meta}"`, message: 'token required' };
      if (token === 'reader') return { ok: false, status: 403, challenge: `Bearer error="insufficient_scope", scope="files.write", resource_metadata="${meta}"`, message: 'insufficient scope' };
      return { ok: true, principal: { subject: 'u-1', scopes: ['files.write'], clientId: 'app', method: 'oauth-like', expiresAt: 2_000_000_000, token, claims: { iss: 'https://issuer.example' } } };
    },
  };

  it('serves verifier routes without credentials, with the request\'s resource URL', async () => {
    const base = await endpoint(oauthLike);
    const response = await fetch(`${base}/.well-known/oauth-protected-resource/mcp`);
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(await response.json()).toEqual({ resource: `${base}/mcp`, authorization_servers: ['https://issuer.example'] });
  });

  it('sends a rejection\'s status and WWW-Authenticate challenge as given (401 and 403)', async () => {
    const base = await endpoint(oauthLike);
    const missing = await fetch(`${base}/mcp`, { method: 'POST' });
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toBe(`Bearer resource_metadata="${base}/.well-known/oauth-protected-resource/mcp"`);
    const reader = await fetch(`${base}/mcp`, { method: 'POST', headers: { authorization: 'Bearer reader' } });
    expect(reader.status).toBe(403);
    expect(reader.headers.get('www-authenticate')).toContain('error="insufficient_scope", scope="files.write"');
    expect(await reader.json()).toMatchObject({ jsonrpc: '2.0', error: { message: 'insufficient scope' } });
  });

  it('hands the principal on as the SDK\'s authInfo; other paths are left to the endpoint', async () => {
    const base = await endpoint(oauthLike);
    const accepted = (await (await fetch(`${base}/mcp`, { method: 'POST', headers: { authorization: 'Bearer writer' } })).json()) as { auth: Record<string, unknown> };
    expect(accepted.auth).toEqual({
      token: 'writer', clientId: 'app', scopes: ['files.write'], expiresAt: 2_000_000_000, resource: `${base}/mcp`,
      extra: { subject: 'u-1', method: 'oauth-like', claims: { iss: 'https://issuer.example' } },
    });
    const other = (await (await fetch(`${base}/elsewhere`)).json()) as { path: string; auth: unknown };
    expect(other).toEqual({ path: '/elsewhere', auth: null });
  });
});
