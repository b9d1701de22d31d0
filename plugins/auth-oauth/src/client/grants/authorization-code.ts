import { randomBytes } from 'node:crypto';
import { exchangeAuthorization, startAuthorization } from '@modelcontextprotocol/sdk/client/auth.js';
import type { OAuthTokens } from '@modelcontextprotocol/sdk/shared/auth.js';
import { OAUTH_AUTHORIZATION_FAILED, OAUTH_PKCE_UNSUPPORTED, OAUTH_STATE_MISMATCH } from '../../errors.js';
import { sameIssuer } from '../discovery.js';
import { listenForCallback, type CallbackParams, type LoopbackListener } from '../loopback.js';
import { tokenFailure } from '../token-request.js';
import type { GrantContext } from './context.js';
import { waitFor } from './wait.js';

/**
 * The authorization code grant with PKCE S256 (RFC 7636) and the resource
 * indicator (RFC 8707) on both requests, redirected to a loopback listener.
 * The SDK builds the authorization URL and exchanges the code; this adds the
 * listener, the browser, the `state` check and the RFC 9207 `iss` check.
 */
export async function authorizationCodeGrant(ctx: GrantContext, listener: LoopbackListener): Promise<OAuthTokens> {
  const { metadata, authorizationServerUrl } = ctx.discovery;
  if (!metadata.code_challenge_methods_supported?.includes('S256')) throw OAUTH_PKCE_UNSUPPORTED(metadata.issuer);
  const state = randomBytes(32).toString('base64url');
  let authorizationUrl: URL;
  let codeVerifier: string;
  try {
    ({ authorizationUrl, codeVerifier } = await startAuthorization(authorizationServerUrl, {
      metadata, clientInformation: ctx.client, redirectUrl: listener.redirectUri, state,
      ...(ctx.scope ? { scope: ctx.scope } : {}),
      ...(ctx.resource ? { resource: ctx.resource } : {}),
    }));
  } catch (error) {
    throw OAUTH_AUTHORIZATION_FAILED(metadata.issuer, (error as Error).message, { cause: error });
  }
  const opened = await ctx.openUrl(authorizationUrl.href);
  ctx.tell(opened
    ? `Opened a browser to log in to ${ctx.label}. If nothing appeared, open this URL:\n  ${authorizationUrl.href}`
    : `To log in to ${ctx.label}, open this URL in a browser:\n  ${authorizationUrl.href}`);
  const params = await waitFor(listener.callback, ctx.timeoutMs, ctx.label, ctx.signal);
  checkResponse(params, state, metadata);
  try {
    return await exchangeAuthorization(authorizationServerUrl, {
      metadata, clientInformation: ctx.client, authorizationCode: params.code!, codeVerifier, redirectUri: listener.redirectUri,
      addClientAuthentication: ctx.authenticate, fetchFn: ctx.fetch,
      ...(ctx.resource ? { resource: ctx.resource } : {}),
    });
  } catch (error) {
    throw tokenFailure(metadata.issuer, error);
  }
}

/** RFC 9207 first (it applies to error responses too), then `state`, then the outcome. */
export function checkResponse(params: CallbackParams, state: string, metadata: { issuer: string; authorization_response_iss_parameter_supported?: boolean }): void {
  if (params.iss !== undefined) {
    if (!sameIssuer(params.iss, metadata.issuer)) throw OAUTH_STATE_MISMATCH(`it names issuer ${params.iss}, but the flow was started with ${metadata.issuer}`);
  } else if (metadata.authorization_response_iss_parameter_supported) {
    throw OAUTH_STATE_MISMATCH(`the authorization server advertises the iss parameter (RFC 9207), but the response has none`);
  }
  if (params.state !== state) throw OAUTH_STATE_MISMATCH(params.state === undefined ? 'it carries no state' : 'its state does not match the one mcpctl sent');
  if (params.error) throw OAUTH_AUTHORIZATION_FAILED(metadata.issuer, `${params.error}${params.errorDescription ? `: ${params.errorDescription}` : ''}`, { details: { oauthError: params.error } });
  if (!params.code) throw OAUTH_AUTHORIZATION_FAILED(metadata.issuer, 'the response carries no code');
}

export { listenForCallback };
