import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAuthorizationServer, type RunningAuthorizationServer } from './support/authorization-server.js';
import { callTool, tempStore, testClient } from './support/connect.js';
import { startResourceServer } from './support/resource-server.js';
import { MAX_STEP_UPS } from '../src/client/oauth-client.js';

let as: RunningAuthorizationServer;
let store: Awaited<ReturnType<typeof tempStore>>;
beforeAll(async () => {
  as = await startAuthorizationServer({ clients: [{ client_id: 'machine-wide', client_secret: 'wide-secret', grant_types: ['client_credentials'], response_types: [], redirect_uris: [] }] });
  store = await tempStore();
});
afterAll(async () => {
  await as.close();
  await store.cleanup();
});

const machine = { grant: 'client_credentials', clientId: 'machine-wide', clientSecret: 'wide-secret' } as const;

/** The scopes a client-credentials token request asked for, from the tokens the AS issued. */
describe('scope selection', () => {
  it('uses the scope of the 401 challenge first', async () => {
    const rs = await startResourceServer({ as, prm: 'header', requiredScopes: ['mcp:read'], scopesSupported: ['mcp:read', 'mcp:write'] });
    try {
      const who = await callTool(rs.url, testClient(rs.url, machine, { store: store.store, interactive: false }));
      expect(who.scopes).toEqual(['mcp:read']);
    } finally {
      await rs.close();
    }
  });

  it("else the PRM's scopes_supported", async () => {
    const rs = await startResourceServer({ as, prm: 'path', scopesSupported: ['mcp:read', 'mcp:write'] });
    try {
      const who = await callTool(rs.url, testClient(rs.url, machine, { store: store.store, interactive: false }));
      expect(who.scopes.sort()).toEqual(['mcp:read', 'mcp:write']);
    } finally {
      await rs.close();
    }
  });

  it('else omits scope entirely (no offline_access alone either)', async () => {
    const rs = await startResourceServer({ as, prm: 'root', grantScope: 'mcp:read' });
    const opened: string[] = [];
    try {
      // oidc-provider refuses a request without any scope; what matters is that none was asked for.
      await callTool(rs.url, testClient(rs.url, {}, { store: (await tempStore()).store, opened })).catch(() => undefined);
      expect(new URL(opened[0]!).searchParams.has('scope')).toBe(false);
    } finally {
      await rs.close();
    }
  });
});

describe('step-up', () => {
  it('re-authorizes for the union of scopes on 403 insufficient_scope', async () => {
    const rs = await startResourceServer({ as, prm: 'header', requiredScopes: ['mcp:read'], writeScope: 'mcp:write' });
    try {
      const client = testClient(rs.url, machine, { store: store.store, interactive: false });
      expect(await callTool(rs.url, client)).toMatchObject({ scopes: ['mcp:read'] });
      expect(await callTool(rs.url, client, 'write')).toBe('written');
      expect((await client.currentGrant())!.tokens.scope!.split(' ').sort()).toEqual(['mcp:read', 'mcp:write']);
      expect(rs.statuses.filter((s) => s === 403)).toHaveLength(1);
    } finally {
      await rs.close();
    }
  });

  it('gives up after a bounded number of re-authorizations when the scope is never granted', async () => {
    // The AS never grants mcp:admin for this resource, so every re-authorized token is refused again.
    const rs = await startResourceServer({ as, prm: 'header', requiredScopes: ['mcp:read'], writeScope: 'mcp:admin', grantScope: 'mcp:read' });
    try {
      const client = testClient(rs.url, machine, { store: store.store, interactive: false });
      await callTool(rs.url, client);
      await expect(callTool(rs.url, client, 'write')).rejects.toMatchObject({ code: 'MCPCTL_OAUTH_STEP_UP_LIMIT', message: expect.stringContaining('mcp:admin, which the authorization server did not grant') });
      // Each later call re-authorizes at most once, and the count is bounded: never a loop.
      const errors: unknown[] = [];
      for (let attempt = 0; attempt < MAX_STEP_UPS + 2; attempt++) errors.push(await callTool(rs.url, client, 'write').catch((e) => e));
      expect(errors.at(-1)).toMatchObject({ code: 'MCPCTL_OAUTH_STEP_UP_LIMIT', message: expect.stringContaining(`after ${MAX_STEP_UPS} re-authorizations`) });
      expect(rs.statuses.filter((s) => s === 403).length).toBe(MAX_STEP_UPS + 2 + 1);
    } finally {
      await rs.close();
    }
  });
});
