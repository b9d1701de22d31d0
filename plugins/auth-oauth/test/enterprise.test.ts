import { afterAll, beforeAll, expect, it } from 'vitest';
import { clientAuthentication } from '../src/client/client-authentication.js';
import { fetchAuthorizationServerMetadata } from '../src/client/discovery.js';
import { authorizationCodeGrant, listenForCallback } from '../src/client/grants/authorization-code.js';
import { driveLogin } from './support/browser.js';
import { callTool, tempStore, testClient } from './support/connect.js';
import { startEnterprise } from './support/enterprise.js';
import { startResourceServer, type RunningResourceServer } from './support/resource-server.js';

let enterprise: Awaited<ReturnType<typeof startEnterprise>>;
let rs: RunningResourceServer;
beforeAll(async () => {
  enterprise = await startEnterprise();
  rs = await startResourceServer({ as: enterprise.as, prm: 'header', requiredScopes: ['mcp:read'] });
});
afterAll(async () => {
  await rs.close();
  await enterprise.close();
});

const idp = () => ({ idpIssuer: enterprise.idp.issuer, idpClientId: 'idp-app', idpClientSecret: 'idp-secret' });
const mcpClient = { clientId: 'mcp-app', clientSecret: 'mcp-secret' };

it("logs in at the IdP (OpenID Connect), exchanges the ID token for an ID-JAG, then gets an access token from the server's AS", async () => {
  const { store, cleanup } = await tempStore();
  try {
    const opened: string[] = [];
    const client = testClient(rs.url, { ...mcpClient, enterprise: idp() }, { store, opened });
    expect(await callTool(rs.url, client)).toEqual({ clientId: 'mcp-app', scopes: ['mcp:read'] });
    const login = new URL(opened[0]!);
    expect(login.origin).toBe(enterprise.idp.issuer);
    expect(login.searchParams.get('scope')).toBe('openid');
    // The code exchange, then the token exchange.
    expect(enterprise.idp.requests.filter((p) => p === '/token')).toHaveLength(2);
    expect((await client.currentGrant())?.grant).toBe('enterprise');
  } finally {
    await cleanup();
  }
});

it('with a configured ID token, needs no person at all', async () => {
  const { store, cleanup } = await tempStore();
  try {
    const client = testClient(rs.url, { ...mcpClient, enterprise: { ...idp(), idToken: await idTokenFromSso() } }, { store, interactive: false });
    expect(await callTool(rs.url, client)).toEqual({ clientId: 'mcp-app', scopes: ['mcp:read'] });
  } finally {
    await cleanup();
  }
});

it('refuses an ID token the IdP does not accept, with a coded error', async () => {
  const { store, cleanup } = await tempStore();
  try {
    const client = testClient(rs.url, { ...mcpClient, enterprise: { ...idp(), idToken: 'not.a.jwt' } }, { store, interactive: false });
    await expect(callTool(rs.url, client)).rejects.toMatchObject({ code: 'MCPCTL_OAUTH_TOKEN_FAILED', message: expect.stringContaining(enterprise.idp.issuer) });
  } finally {
    await cleanup();
  }
});

/** An ID token for idp-app, as the enterprise's SSO would have given the user: an OpenID login at the IdP, driven headlessly. */
async function idTokenFromSso(): Promise<string> {
  const metadata = (await fetchAuthorizationServerMetadata(enterprise.idp.issuer))!;
  const information = { client_id: 'idp-app', client_secret: 'idp-secret' };
  const listener = await listenForCallback();
  try {
    const tokens = await authorizationCodeGrant({
      label: 'sso', discovery: { authorizationServerUrl: enterprise.idp.issuer, metadata, legacy: false }, client: information,
      authenticate: clientAuthentication({ information }, metadata), scope: 'openid', fetch, tell: () => undefined,
      openUrl: async (url) => { setTimeout(() => void driveLogin(url), 10); return true; }, timeoutMs: 10_000,
    }, listener);
    return tokens.id_token!;
  } finally {
    await listener.close();
  }
}
