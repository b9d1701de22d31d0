import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWK } from 'jose';

/** One resource (MCP server) the authorization server knows, by its indicator. */
export interface ResourceInfo {
  scope: string;
  format: 'jwt' | 'opaque';
  ttlSeconds?: number;
}

export interface AuthorizationServerOptions {
  /** Resource indicators and what they grant (filled later with setResource once resource servers are up). */
  resources?: Record<string, ResourceInfo>;
  /** Also serve RFC 8414 `/.well-known/oauth-authorization-server` (oidc-provider serves only OpenID discovery). */
  rfc8414?: boolean;
  /** Hide every well-known document and rename routes to /authorize, /token, /register (the 2025-03-26 default endpoints). */
  noMetadata?: boolean;
  /** Requests not for the provider (e.g. an MCP endpoint sharing the origin, for the 2025-03-26 fallback). */
  extraHandler?: (req: IncomingMessage, res: ServerResponse) => boolean;
  /** Pre-registered clients. */
  clients?: Record<string, unknown>[];
  /** Rewrite the discovery document (issuer mismatch tests). */
  rewriteMetadata?: (metadata: Record<string, unknown>) => Record<string, unknown>;
  accessTokenTtl?: number;
  refreshTokenTtl?: number;
}

/** Clients every test server knows: the resource servers' introspection client and pre-registered machine and native clients. */
export const DEFAULT_CLIENTS = [
  { client_id: 'rs-client', client_secret: 'rs-secret', grant_types: [], response_types: [], redirect_uris: [] },
  { client_id: 'machine-basic', client_secret: 'machine-basic-secret', grant_types: ['client_credentials'], response_types: [], redirect_uris: [], token_endpoint_auth_method: 'client_secret_basic' },
  { client_id: 'machine-post', client_secret: 'machine-post-secret', grant_types: ['client_credentials'], response_types: [], redirect_uris: [], token_endpoint_auth_method: 'client_secret_post' },
  { client_id: 'native-pre', application_type: 'native', token_endpoint_auth_method: 'none', grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'], redirect_uris: ['http://127.0.0.1/callback'] },
];

export interface RunningAuthorizationServer {
  issuer: string;
  /** The provider's public signing keys (what a JWT verifier fetches). */
  jwksUri: string;
  publicJwks: { keys: JWK[] };
  provider: any;
  errors: any;
  /** The provider's signing key (tests that mint tokens the provider's JWKS verifies). */
  signingKey: CryptoKey;
  resources: Record<string, ResourceInfo>;
  /** Requests seen, by path (discovery tests assert which documents were read). */
  requests: string[];
  close(): Promise<void>;
}

/**
 * oidc-provider (a certified OpenID provider) on 127.0.0.1 with what MCP
 * authorization uses: dynamic registration, PKCE, refresh with rotation,
 * client credentials, introspection, revocation, device flow, resource
 * indicators (JWT or opaque access tokens per resource), and devInteractions
 * for the login and consent pages (driven by test/support/browser.ts).
 */
export async function startAuthorizationServer(options: AuthorizationServerOptions = {}): Promise<RunningAuthorizationServer> {
  // The named export `errors`: Provider.errors is undefined in oidc-provider 9.
  const { default: Provider, errors } = await import('oidc-provider');
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const signing = { ...(await exportJWK(privateKey)), kid: 'key-1', alg: 'RS256', use: 'sig' };
  const resources: Record<string, ResourceInfo> = { ...(options.resources ?? {}) };
  const requests: string[] = [];

  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const provider = new Provider(issuer, {
    clients: [...DEFAULT_CLIENTS, ...(options.clients ?? [])],
    jwks: { keys: [signing] },
    cookies: { keys: ['mcpctl-test-cookie-key'] },
    findAccount: async (_ctx: unknown, id: string) => ({ accountId: id, claims: async () => ({ sub: id }) }),
    scopes: ['openid', 'offline_access'],
    pkce: { required: () => true },
    clientBasedCORS: () => true,
    ttl: {
      AccessToken: options.accessTokenTtl ?? 600,
      ClientCredentials: options.accessTokenTtl ?? 600,
      RefreshToken: options.refreshTokenTtl ?? 86_400,
      DeviceCode: 600,
      Grant: 86_400,
      Interaction: 600,
      Session: 86_400,
      AuthorizationCode: 60,
      IdToken: 3600,
    },
    ...(options.noMetadata ? { routes: { authorization: '/authorize', registration: '/register' } } : {}),
    features: {
      devInteractions: { enabled: true },
      registration: { enabled: true },
      clientCredentials: { enabled: true },
      introspection: { enabled: true },
      revocation: { enabled: true },
      deviceFlow: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: async (_ctx: unknown, _client: unknown, oneOf?: string | string[]) => oneOf,
        useGrantedResource: async () => true,
        getResourceServerInfo: async (_ctx: unknown, indicator: string) => {
          const info = resources[indicator] ?? resources[indicator.replace(/\/$/, '')] ?? resources[`${indicator}/`];
          if (!info) throw new errors.InvalidTarget();
          return {
            scope: info.scope,
            audience: indicator,
            accessTokenTTL: info.ttlSeconds ?? options.accessTokenTtl ?? 600,
            accessTokenFormat: info.format,
            ...(info.format === 'jwt' ? { jwt: { sign: { alg: 'RS256' } } } : {}),
          };
        },
      },
    },
  });
  const callback = provider.callback();

  server.on('request', async (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0]!;
    if (req.headers['x-internal'] !== '1') requests.push(path);
    if (options.extraHandler?.(req, res)) return;
    if (path.startsWith('/.well-known/')) {
      if (options.noMetadata) {
        res.writeHead(404).end();
        return;
      }
      const oauthPath = path === '/.well-known/oauth-authorization-server';
      if (oauthPath && !options.rfc8414) {
        res.writeHead(404).end();
        return;
      }
      // The RFC 8414 alias and rewritten documents are the provider's OpenID document, fetched from itself.
      if ((oauthPath || (path === '/.well-known/openid-configuration' && options.rewriteMetadata)) && req.headers['x-internal'] !== '1') {
        const response = await fetch(`${issuer}/.well-known/openid-configuration`, { headers: { 'x-internal': '1' } });
        let metadata = (await response.json()) as Record<string, unknown>;
        if (options.rewriteMetadata) metadata = options.rewriteMetadata(metadata);
        res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(metadata));
        return;
      }
    }
    callback(req, res);
  });

  return {
    issuer,
    jwksUri: `${issuer}/jwks`,
    publicJwks: { keys: [{ kty: signing.kty, n: signing.n, e: signing.e, kid: signing.kid, alg: 'RS256', use: 'sig' } as JWK] },
    provider,
    errors,
    signingKey: privateKey,
    resources,
    requests,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
