import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { requireBearerAuth } from '@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js';
import { mcpAuthMetadataRouter } from '@modelcontextprotocol/sdk/server/auth/router.js';
import { InvalidTokenError } from '@modelcontextprotocol/sdk/server/auth/errors.js';
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import type { OAuthMetadata } from '@modelcontextprotocol/sdk/shared/auth.js';
import type { RunningAuthorizationServer } from './authorization-server.js';

export interface ResourceServerOptions {
  as: RunningAuthorizationServer;
  /** Where the Protected Resource Metadata lives: named in the 401 header, path-suffixed well-known, root well-known, or none. */
  prm: 'header' | 'path' | 'root' | 'none';
  /** Access tokens as JWTs (verified with the AS's JWKS) or opaque (introspected). */
  format?: 'jwt' | 'opaque';
  /** Scopes every request needs (named in the 401 challenge). */
  requiredScopes?: string[];
  /** Scopes the PRM lists. */
  scopesSupported?: string[];
  /** The `resource` the PRM claims (resource mismatch tests). */
  prmResource?: string;
  /** The tool `write` needs this scope: 403 insufficient_scope (step-up tests). */
  writeScope?: string;
  /** Scope the AS grants for this resource (default: every scope named here). */
  grantScope?: string;
  /**
   * The MCP transport served: Streamable HTTP at `/mcp` (default), or the
   * legacy HTTP+SSE pair (a GET event stream at `/sse` and POSTs to
   * `/messages`), both behind the same bearer check.
   */
  transport?: 'streamable-http' | 'sse';
}

export interface RunningResourceServer {
  url: string;
  /** Every Authorization header value seen (to assert tokens were refreshed, never to print). */
  tokensSeen: string[];
  statuses: number[];
  close(): Promise<void>;
}

/**
 * An MCP resource server built with the SDK's own server auth helpers
 * (requireBearerAuth, mcpAuthMetadataRouter) around a stateless Streamable
 * HTTP MCP server with `whoami` and `write` tools.
 */
export async function startResourceServer(options: ResourceServerOptions): Promise<RunningResourceServer> {
  const app = express();
  const server: Server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const sse = options.transport === 'sse';
  const url = `${origin}${sse ? '/sse' : '/mcp'}`;
  const format = options.format ?? 'jwt';
  const scopes = [...new Set([...(options.requiredScopes ?? []), ...(options.scopesSupported ?? []), ...(options.writeScope ? [options.writeScope] : [])])];
  options.as.resources[url] = { scope: options.grantScope ?? (scopes.join(' ') || 'mcp'), format };
  const tokensSeen: string[] = [];
  const statuses: number[] = [];

  const prm = { resource: options.prmResource ?? url, authorization_servers: [options.as.issuer], ...(options.scopesSupported ? { scopes_supported: options.scopesSupported } : {}) };
  const customPrm = `${origin}/custom/resource-metadata`;
  if (options.prm === 'header') app.get('/custom/resource-metadata', (_req, res) => res.json(prm));
  if (options.prm === 'root') app.get('/.well-known/oauth-protected-resource', (_req, res) => res.json(prm));
  if (options.prm === 'path') {
    const asMetadata = (await (await fetch(`${options.as.issuer}/.well-known/openid-configuration`)).json()) as OAuthMetadata;
    app.use(mcpAuthMetadataRouter({
      oauthMetadata: asMetadata,
      resourceServerUrl: new URL(options.prmResource ?? url),
      ...(options.scopesSupported ? { scopesSupported: options.scopesSupported } : {}),
    }));
  }
  app.use((req, res, next) => {
    const auth = req.headers.authorization;
    if (auth) tokensSeen.push(auth);
    res.on('finish', () => statuses.push(res.statusCode));
    next();
  });

  const jwks = createRemoteJWKSet(new URL(options.as.jwksUri));
  const verifier = {
    async verifyAccessToken(token: string): Promise<AuthInfo> {
      if (format === 'jwt') {
        try {
          const { payload } = await jwtVerify(token, jwks, { issuer: options.as.issuer, audience: url });
          return { token, clientId: String(payload.client_id ?? ''), scopes: String(payload.scope ?? '').split(' ').filter(Boolean), expiresAt: payload.exp!, resource: new URL(url) };
        } catch (error) {
          throw new InvalidTokenError((error as Error).message);
        }
      }
      const response = await fetch(`${options.as.issuer}/token/introspection`, {
        method: 'POST',
        headers: { Authorization: `Basic ${Buffer.from('rs-client:rs-secret').toString('base64')}`, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ token }),
      });
      const claims = (await response.json()) as Record<string, unknown>;
      if (claims.active !== true) throw new InvalidTokenError('token is not active');
      return { token, clientId: String(claims.client_id ?? ''), scopes: String(claims.scope ?? '').split(' ').filter(Boolean), expiresAt: Number(claims.exp), resource: new URL(url) };
    },
  };
  const bearer = requireBearerAuth({
    verifier,
    requiredScopes: options.requiredScopes ?? [],
    ...(options.prm === 'header' ? { resourceMetadataUrl: customPrm } : {}),
  });

  // The legacy pair: the stream's session id routes each POSTed message back to its server.
  const streams = new Map<string, SSEServerTransport>();
  app.get('/sse', bearer, async (_req, res) => {
    const transport = new SSEServerTransport('/messages', res);
    const mcp = protectedServer();
    streams.set(transport.sessionId, transport);
    res.on('close', () => {
      streams.delete(transport.sessionId);
      void mcp.close();
    });
    await mcp.connect(transport);
  });
  app.post('/messages', express.json(), bearer, async (req, res) => {
    const transport = streams.get(String(req.query.sessionId ?? ''));
    if (!transport) {
      res.status(404).json({ error: 'unknown session' });
      return;
    }
    await transport.handlePostMessage(req as Parameters<SSEServerTransport['handlePostMessage']>[0], res, req.body);
  });

  app.post('/mcp', express.json(), bearer, async (req, res) => {
    const auth = (req as unknown as { auth: AuthInfo }).auth;
    const body = req.body as { method?: string; params?: { name?: string } };
    if (options.writeScope && body?.method === 'tools/call' && body.params?.name === 'write' && !auth.scopes.includes(options.writeScope)) {
      const wanted = [...new Set([...auth.scopes, options.writeScope])].join(' ');
      res.set('WWW-Authenticate', `Bearer error="insufficient_scope", scope="${wanted}"${options.prm === 'header' ? `, resource_metadata="${customPrm}"` : ''}`);
      res.status(403).json({ error: 'insufficient_scope' });
      return;
    }
    const mcp = protectedServer();
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    res.on('close', () => {
      void transport.close();
      void mcp.close();
    });
    await mcp.connect(transport);
    await transport.handleRequest(req, res, req.body);
  });
  app.all('/mcp', (_req, res) => res.status(405).set('Allow', 'POST').end());

  return {
    url,
    tokensSeen,
    statuses,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

/** The MCP server behind the bearer check: `whoami` echoes what the token says, `write` needs the write scope. */
function protectedServer(): McpServer {
  const mcp = new McpServer({ name: 'protected', version: '1.0.0' });
  mcp.registerTool('whoami', { description: 'Who the token says you are' }, async (extra) => ({
    content: [{ type: 'text', text: JSON.stringify({ clientId: extra.authInfo?.clientId, scopes: extra.authInfo?.scopes }) }],
  }));
  mcp.registerTool('write', { description: 'Needs the write scope' }, async () => ({ content: [{ type: 'text', text: 'written' }] }));
  return mcp;
}
