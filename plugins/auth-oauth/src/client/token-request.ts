import { parseErrorResponse, type AddClientAuthentication } from '@modelcontextprotocol/sdk/client/auth.js';
import { OAuthError } from '@modelcontextprotocol/sdk/server/auth/errors.js';
import { OAuthTokensSchema, type AuthorizationServerMetadata, type OAuthTokens } from '@modelcontextprotocol/sdk/shared/auth.js';
import { OAUTH_TOKEN_FAILED } from '../errors.js';
import type { StoredTokens } from './token-store.js';

type Fetch = typeof fetch;

/**
 * POST a grant to an endpoint (the token endpoint unless told otherwise)
 * with client authentication, for the grants the SDK has no function for
 * (client credentials, device code polling, token exchange, JWT bearer).
 * OAuth errors come back as the SDK's OAuthError subclasses.
 */
export async function postGrant(
  metadata: AuthorizationServerMetadata,
  params: URLSearchParams,
  authenticate: AddClientAuthentication,
  options: { fetch?: Fetch; endpoint?: string; signal?: AbortSignal } = {},
): Promise<Record<string, unknown>> {
  const url = new URL(options.endpoint ?? metadata.token_endpoint);
  const headers = new Headers({ 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' });
  await authenticate(headers, params, url, metadata);
  const response = await (options.fetch ?? fetch)(url, { method: 'POST', headers, body: params, redirect: 'error', ...(options.signal ? { signal: options.signal } : {}) });
  if (!response.ok) throw await parseErrorResponse(response);
  // A revocation answers 200 with an empty body.
  const text = await response.text();
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

export async function requestTokens(
  metadata: AuthorizationServerMetadata,
  params: URLSearchParams,
  authenticate: AddClientAuthentication,
  options: { fetch?: Fetch; signal?: AbortSignal } = {},
): Promise<OAuthTokens> {
  return OAuthTokensSchema.parse(await postGrant(metadata, params, authenticate, options));
}

/** The SDK's token response as stored: absolute expiry, granted scope (or the one asked for when the AS is silent, RFC 6749 §5.1). */
export function toStoredTokens(tokens: OAuthTokens, askedScope: string | undefined, previous?: StoredTokens): StoredTokens {
  const stored: StoredTokens = { accessToken: tokens.access_token, tokenType: tokens.token_type || 'Bearer' };
  const refresh = tokens.refresh_token ?? previous?.refreshToken;
  if (refresh) stored.refreshToken = refresh;
  if (tokens.id_token) stored.idToken = tokens.id_token;
  const scope = tokens.scope ?? askedScope ?? previous?.scope;
  if (scope) stored.scope = scope;
  if (typeof tokens.expires_in === 'number') stored.expiresAt = Date.now() + tokens.expires_in * 1000;
  return stored;
}

/** A token-endpoint failure as a coded error (the OAuth error code and description; no request values). */
export function tokenFailure(issuer: string, error: unknown) {
  if (error instanceof OAuthError) return OAUTH_TOKEN_FAILED(issuer, `${error.errorCode}${error.message ? `: ${error.message}` : ''}`, { cause: error, details: { oauthError: error.errorCode } });
  return OAUTH_TOKEN_FAILED(issuer, error instanceof Error ? error.message : String(error), { cause: error });
}
