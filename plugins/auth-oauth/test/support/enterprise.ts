import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRemoteJWKSet, exportJWK, generateKeyPair, jwtVerify, SignJWT, type JWK } from 'jose';
import { startAuthorizationServer, type ResourceInfo, type RunningAuthorizationServer } from './authorization-server.js';

const TOKEN_EXCHANGE = 'urn:ietf:params:oauth:grant-type:token-exchange';
const ID_JAG = 'urn:ietf:params:oauth:token-type:id-jag';
const ID_JAG_TYP = 'oauth-id-jag+jwt';

/**
 * Enterprise-managed authorization for the tests. The IdP is oidc-provider
 * (a real OpenID login, with the RFC 8693 token exchange for ID-JAGs added
 * through its registerGrantType); the MCP server's authorization server is a
 * small one written here, since no library implements the ID-JAG JWT bearer
 * side: it accepts ID-JAGs signed by the IdP and issues JWT access tokens for
 * the resource they name.
 */
export async function startEnterprise() {
  const idp = await startAuthorizationServer({
    clients: [{
      client_id: 'idp-app', client_secret: 'idp-secret', application_type: 'native', token_endpoint_auth_method: 'client_secret_basic',
      grant_types: ['authorization_code', TOKEN_EXCHANGE], response_types: ['code'], redirect_uris: ['http://127.0.0.1/callback'],
    }],
  });
  let asIssuer = '';
  idp.provider.registerGrantType(TOKEN_EXCHANGE, async (ctx: any) => {
    const params = ctx.oidc.params;
    const fail = (description: string) => {
      ctx.status = 400;
      ctx.body = { error: 'invalid_grant', error_description: description };
    };
    if (params.requested_token_type !== ID_JAG) return fail('requested_token_type must be an ID-JAG');
    if (params.subject_token_type !== 'urn:ietf:params:oauth:token-type:id_token') return fail('subject_token_type must be an ID token');
    let subject: string;
    try {
      const { payload } = await jwtVerify(params.subject_token, createRemoteJWKSet(new URL(idp.jwksUri)), { issuer: idp.issuer, audience: ctx.oidc.client.clientId });
      subject = String(payload.sub);
    } catch (error) {
      return fail(`subject_token: ${(error as Error).message}`);
    }
    if (params.audience !== asIssuer) return fail('unknown audience');
    const jag = await new SignJWT({ sub: subject, client_id: 'mcp-app', resource: params.resource, ...(params.scope ? { scope: params.scope } : {}), jti: crypto.randomUUID() })
      .setProtectedHeader({ alg: 'RS256', kid: 'key-1', typ: ID_JAG_TYP }).setIssuer(idp.issuer).setAudience(asIssuer).setIssuedAt().setExpirationTime('5m').sign(idp.signingKey);
    ctx.body = { access_token: jag, issued_token_type: ID_JAG, token_type: 'N_A', expires_in: 300 };
  }, ['audience', 'resource', 'scope', 'requested_token_type', 'subject_token', 'subject_token_type']);

  const as = await authorizationServer(idp);
  asIssuer = as.issuer;
  return {
    idp,
    as: { issuer: as.issuer, jwksUri: as.jwksUri, resources: as.resources, requests: as.requests } as unknown as RunningAuthorizationServer,
    close: async () => {
      await as.close();
      await idp.close();
    },
  };
}

async function authorizationServer(idp: RunningAuthorizationServer) {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256' };
  const resources: Record<string, ResourceInfo> = {};
  const requests: string[] = [];
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const idpKeys = createRemoteJWKSet(new URL(idp.jwksUri));
  const json = (res: ServerResponse, status: number, body: unknown) => res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
  server.on('request', async (req: IncomingMessage, res: ServerResponse) => {
    requests.push(req.url ?? '/');
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
    if (req.url === '/jwks') return json(res, 200, { keys: [jwk] });
    if (req.url === '/.well-known/oauth-authorization-server') {
      return json(res, 200, {
        issuer, authorization_endpoint: `${issuer}/authorize`, token_endpoint: `${issuer}/token`, jwks_uri: `${issuer}/jwks`, response_types_supported: ['code'],
        grant_types_supported: ['urn:ietf:params:oauth:grant-type:jwt-bearer'], token_endpoint_auth_methods_supported: ['client_secret_basic'], code_challenge_methods_supported: ['S256'],
      });
    }
    if (req.url !== '/token') return json(res, 404, { error: 'not_found' });
    const [id, secret] = Buffer.from((req.headers.authorization ?? '').replace(/^Basic /, ''), 'base64').toString().split(':').map(decodeURIComponent);
    if (id !== 'mcp-app' || secret !== 'mcp-secret') return json(res, 401, { error: 'invalid_client' });
    if (body.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:jwt-bearer') return json(res, 400, { error: 'unsupported_grant_type' });
    try {
      const { payload, protectedHeader } = await jwtVerify(body.get('assertion')!, idpKeys, { issuer: idp.issuer, audience: issuer });
      if (protectedHeader.typ !== ID_JAG_TYP || payload.client_id !== id) throw new Error('not an ID-JAG for this client');
      const info = resources[String(payload.resource)];
      if (!info) throw new Error('unknown resource');
      const granted = String(payload.scope ?? info.scope).split(' ').filter((s) => info.scope.split(' ').includes(s)).join(' ');
      const token = await new SignJWT({ sub: payload.sub, client_id: id, scope: granted })
        .setProtectedHeader({ alg: 'RS256', kid: 'k1', typ: 'at+jwt' }).setIssuer(issuer).setAudience(String(payload.resource)).setIssuedAt().setExpirationTime('10m').sign(privateKey);
      json(res, 200, { access_token: token, token_type: 'Bearer', expires_in: 600, scope: granted });
    } catch (error) {
      json(res, 400, { error: 'invalid_grant', error_description: (error as Error).message });
    }
  });
  return {
    issuer, jwksUri: `${issuer}/jwks`, resources, requests,
    close: () => new Promise<void>((resolve) => { server.close(() => resolve()); server.closeAllConnections(); }),
  };
}
