import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startAuthorizationServer, type RunningAuthorizationServer } from './support/authorization-server.js';
import { callTool, tempStore, testClient } from './support/connect.js';
import { startResourceServer, type RunningResourceServer } from './support/resource-server.js';
import { discover } from '../src/client/discovery.js';

let as: RunningAuthorizationServer;
let as8414: RunningAuthorizationServer;
const servers: RunningResourceServer[] = [];
let store: Awaited<ReturnType<typeof tempStore>>;

beforeAll(async () => {
  as = await startAuthorizationServer();
  as8414 = await startAuthorizationServer({ rfc8414: true });
  store = await tempStore();
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  await as.close();
  await as8414.close();
  await store.cleanup();
});
afterEach(() => {
  as.requests.length = 0;
});

async function rs(options: Parameters<typeof startResourceServer>[0]) {
  const server = await startResourceServer(options);
  servers.push(server);
  return server;
}

describe('discovery', () => {
  it('reads the Protected Resource Metadata named by the 401 header, then OpenID discovery', async () => {
    const server = await rs({ as, prm: 'header', requiredScopes: ['mcp:read'] });
    const client = testClient(server.url, {}, { store: store.store });
    const who = await callTool(server.url, client);
    expect(who.scopes).toContain('mcp:read');
    expect(as.requests).toContain('/.well-known/oauth-authorization-server');
    expect(as.requests).toContain('/.well-known/openid-configuration');
    const grant = await client.currentGrant();
    expect(grant?.issuer).toBe(as.issuer);
  });

  it('finds path-suffixed metadata (the SDK router) without a header URL', async () => {
    const server = await rs({ as, prm: 'path', scopesSupported: ['mcp:read'] });
    const found = await discover(server.url);
    expect(found.resourceMetadata?.resource).toBe(server.url);
    expect(found.legacy).toBe(false);
    const who = await callTool(server.url, testClient(server.url, {}, { store: store.store }));
    // No scope in the challenge: the PRM's scopes_supported are asked for.
    expect(who.scopes).toEqual(['mcp:read']);
  });

  it('falls back to the root well-known document', async () => {
    const server = await rs({ as, prm: 'root', scopesSupported: ['mcp:read'] });
    const found = await discover(server.url);
    expect(found.authorizationServerUrl).toBe(as.issuer);
    expect(found.resource).toBe(server.url);
  });

  it('prefers RFC 8414 metadata when the authorization server has it', async () => {
    const server = await rs({ as: as8414, prm: 'root' });
    const found = await discover(server.url);
    expect(found.metadata.issuer).toBe(as8414.issuer);
    expect(as8414.requests).toContain('/.well-known/oauth-authorization-server');
    expect(as8414.requests).not.toContain('/.well-known/openid-configuration');
  });

  it('refuses Protected Resource Metadata naming another resource', async () => {
    const server = await rs({ as, prm: 'root', prmResource: 'http://127.0.0.1:1/elsewhere' });
    await expect(discover(server.url)).rejects.toMatchObject({ code: 'MCPCTL_OAUTH_RESOURCE_MISMATCH' });
    const client = testClient(server.url, {}, { store: store.store });
    await expect(callTool(server.url, client)).rejects.toMatchObject({ code: 'MCPCTL_OAUTH_RESOURCE_MISMATCH' });
    expect(server.tokensSeen).toEqual([]);
  });

  it('refuses authorization server metadata whose issuer differs from where it was fetched', async () => {
    const liar = await startAuthorizationServer({ rewriteMetadata: (m) => ({ ...m, issuer: 'http://127.0.0.1:9/evil' }) });
    try {
      const server = await rs({ as: liar, prm: 'root' });
      await expect(discover(server.url)).rejects.toMatchObject({ code: 'MCPCTL_OAUTH_ISSUER_MISMATCH' });
    } finally {
      await liar.close();
    }
  });

  it('2025-03-26: no PRM, the MCP server origin is the authorization server (its metadata)', async () => {
    const shared = await legacyServer(false);
    try {
      const found = await discover(shared.url);
      expect(found.legacy).toBe(true);
      expect(found.authorizationServerUrl).toBe(shared.as.issuer);
      expect(found.metadata.token_endpoint).toBe(`${shared.as.issuer}/token`);
      const client = testClient(shared.url, { scopes: ['mcp'] }, { store: store.store });
      expect(await callTool(shared.url, client)).toMatchObject({ clientId: expect.any(String) });
    } finally {
      await shared.close();
    }
  });

  it('2025-03-26: no metadata at all, the default /authorize, /token and /register endpoints', async () => {
    const shared = await legacyServer(true);
    try {
      const found = await discover(shared.url);
      expect(found.metadata).toMatchObject({ authorization_endpoint: `${shared.as.issuer}/authorize`, token_endpoint: `${shared.as.issuer}/token`, registration_endpoint: `${shared.as.issuer}/register` });
      const client = testClient(shared.url, { scopes: ['mcp'] }, { store: store.store });
      expect(await callTool(shared.url, client)).toMatchObject({ clientId: expect.any(String) });
      expect(shared.as.requests).toContain('/register');
      expect(shared.as.requests).toContain('/authorize');
    } finally {
      await shared.close();
    }
  });
});

/** An MCP endpoint on the authorization server's own origin, with no PRM (the 2025-03-26 layout). */
async function legacyServer(noMetadata: boolean) {
  const { createMcpHandler } = await import('./support/legacy-endpoint.js');
  let handler: ReturnType<typeof createMcpHandler> | undefined;
  const legacy = await startAuthorizationServer({ noMetadata, extraHandler: (req, res) => handler?.(req, res) ?? false });
  const url = `${legacy.issuer}/mcp`;
  legacy.resources[url] = { scope: 'mcp', format: 'jwt' };
  handler = createMcpHandler(legacy, url);
  return { as: legacy, url, close: () => legacy.close() };
}
