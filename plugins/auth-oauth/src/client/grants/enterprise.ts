import type { AddClientAuthentication } from '@modelcontextprotocol/sdk/client/auth.js';
import type { AuthorizationServerMetadata, OAuthTokens } from '@modelcontextprotocol/sdk/shared/auth.js';
import { OAUTH_AUTHORIZATION_FAILED, OAUTH_DISCOVERY_FAILED, OAUTH_TOKEN_FAILED } from '../../errors.js';
import type { EnterpriseConfig } from '../../types.js';
import { clientAuthentication } from '../client-authentication.js';
import { fetchAuthorizationServerMetadata, sameIssuer } from '../discovery.js';
import { postGrant, requestTokens, tokenFailure } from '../token-request.js';
import { authorizationCodeGrant, listenForCallback } from './authorization-code.js';
import type { GrantContext } from './context.js';

const TOKEN_EXCHANGE = 'urn:ietf:params:oauth:grant-type:token-exchange';
const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const ID_JAG = 'urn:ietf:params:oauth:token-type:id-jag';
const ID_TOKEN = 'urn:ietf:params:oauth:token-type:id_token';

export interface IdentityProvider {
  metadata: AuthorizationServerMetadata;
  authenticate: AddClientAuthentication;
  /** The user's ID token from the IdP. */
  idToken: string;
}

/**
 * The Identity Assertion Authorization Grant (cross-app access): exchange the
 * user's ID token at the enterprise IdP for an ID-JAG (RFC 8693 token
 * exchange, audience = the MCP server's authorization server, resource = the
 * MCP server), then present it to that authorization server with the JWT
 * bearer grant (RFC 7523) for an access token.
 */
export async function enterpriseGrant(ctx: GrantContext, idp: IdentityProvider): Promise<OAuthTokens> {
  const exchange = new URLSearchParams({
    grant_type: TOKEN_EXCHANGE,
    requested_token_type: ID_JAG,
    audience: ctx.discovery.metadata.issuer,
    subject_token: idp.idToken,
    subject_token_type: ID_TOKEN,
  });
  if (ctx.resource) exchange.set('resource', ctx.resource);
  if (ctx.scope) exchange.set('scope', ctx.scope);
  let exchanged: Record<string, unknown>;
  try {
    exchanged = await postGrant(idp.metadata, exchange, idp.authenticate, { fetch: ctx.fetch, ...(ctx.signal ? { signal: ctx.signal } : {}) });
  } catch (error) {
    throw tokenFailure(idp.metadata.issuer, error);
  }
  const assertion = exchanged.access_token;
  if (typeof assertion !== 'string' || exchanged.issued_token_type !== ID_JAG) {
    throw OAUTH_AUTHORIZATION_FAILED(idp.metadata.issuer, `the token exchange did not return an ID-JAG (issued_token_type ${String(exchanged.issued_token_type)})`);
  }
  const bearer = new URLSearchParams({ grant_type: JWT_BEARER, assertion });
  if (ctx.scope) bearer.set('scope', ctx.scope);
  try {
    return await requestTokens(ctx.discovery.metadata, bearer, ctx.authenticate, { fetch: ctx.fetch, ...(ctx.signal ? { signal: ctx.signal } : {}) });
  } catch (error) {
    throw tokenFailure(ctx.discovery.metadata.issuer, error);
  }
}

/**
 * The enterprise IdP: its metadata (issuer checked), the client mcpctl is
 * there, and the user's ID token: the configured one, else from an OpenID
 * Connect login at the IdP (authorization code with PKCE, scope openid).
 */
export async function identityProvider(enterprise: EnterpriseConfig, ctx: GrantContext, redirectPort = 0): Promise<IdentityProvider> {
  const metadata = await fetchAuthorizationServerMetadata(enterprise.idpIssuer, ctx.fetch);
  if (!metadata) throw OAUTH_DISCOVERY_FAILED(enterprise.idpIssuer, 'the enterprise IdP publishes no metadata');
  if (!sameIssuer(metadata.issuer, enterprise.idpIssuer)) throw OAUTH_DISCOVERY_FAILED(enterprise.idpIssuer, `its metadata names issuer ${metadata.issuer}`);
  const information = { client_id: enterprise.idpClientId, ...(enterprise.idpClientSecret ? { client_secret: enterprise.idpClientSecret } : {}) };
  const authenticate = clientAuthentication({ information }, metadata);
  if (enterprise.idToken) return { metadata, authenticate, idToken: enterprise.idToken };
  const listener = await listenForCallback(redirectPort);
  let idToken: string | undefined;
  try {
    const tokens = await authorizationCodeGrant({
      ...ctx,
      label: `${ctx.label} (enterprise IdP ${metadata.issuer})`,
      discovery: { authorizationServerUrl: enterprise.idpIssuer, metadata, legacy: false },
      client: information,
      authenticate,
      scope: 'openid',
      resource: undefined,
    }, listener);
    idToken = tokens.id_token;
  } finally {
    await listener.close();
  }
  if (!idToken) throw OAUTH_TOKEN_FAILED(metadata.issuer, 'the IdP login returned no id_token');
  return { metadata, authenticate, idToken };
}
