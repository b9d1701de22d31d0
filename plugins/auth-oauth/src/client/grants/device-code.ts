import { OAuthError } from '@modelcontextprotocol/sdk/server/auth/errors.js';
import { OAuthTokensSchema, type OAuthTokens } from '@modelcontextprotocol/sdk/shared/auth.js';
import { OAUTH_AUTHORIZATION_FAILED, OAUTH_GRANT_UNSUPPORTED, OAUTH_LOGIN_TIMEOUT } from '../../errors.js';
import { postGrant, tokenFailure } from '../token-request.js';
import type { GrantContext } from './context.js';
import { pause } from './wait.js';

const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

/**
 * The device authorization grant (RFC 8628) for machines without a browser:
 * print the verification URL and user code, then poll the token endpoint at
 * the interval the server asks (slowing down when told to). The SDK has no
 * function for it.
 */
export async function deviceCodeGrant(ctx: GrantContext): Promise<OAuthTokens> {
  const { metadata } = ctx.discovery;
  const endpoint = (metadata as { device_authorization_endpoint?: string }).device_authorization_endpoint;
  if (!endpoint) throw OAUTH_GRANT_UNSUPPORTED(metadata.issuer, 'device_code', ' (no device_authorization_endpoint in its metadata)');
  const request = new URLSearchParams();
  if (ctx.scope) request.set('scope', ctx.scope);
  if (ctx.resource) request.set('resource', ctx.resource);
  let started: Record<string, unknown>;
  try {
    started = await postGrant(metadata, request, ctx.authenticate, { fetch: ctx.fetch, endpoint, ...(ctx.signal ? { signal: ctx.signal } : {}) });
  } catch (error) {
    throw tokenFailure(metadata.issuer, error);
  }
  const deviceCode = started.device_code;
  const userCode = started.user_code;
  const verificationUri = started.verification_uri;
  if (typeof deviceCode !== 'string' || typeof userCode !== 'string' || typeof verificationUri !== 'string') {
    throw OAUTH_AUTHORIZATION_FAILED(metadata.issuer, 'the device authorization response lacks device_code, user_code or verification_uri');
  }
  const complete = typeof started.verification_uri_complete === 'string' ? started.verification_uri_complete : undefined;
  const expiresIn = typeof started.expires_in === 'number' ? started.expires_in : 600;
  let interval = typeof started.interval === 'number' && started.interval > 0 ? started.interval : 5;
  ctx.tell(`To log in to ${ctx.label}, visit ${verificationUri} and enter the code ${userCode}${complete ? `\n  (or open ${complete})` : ''}`);
  if (complete) await ctx.openUrl(complete);

  const deadline = Date.now() + Math.min(expiresIn * 1000, ctx.timeoutMs);
  for (;;) {
    await pause(interval * 1000, ctx.label, ctx.signal);
    if (Date.now() > deadline) throw OAUTH_LOGIN_TIMEOUT(ctx.label, Math.round(Math.min(expiresIn * 1000, ctx.timeoutMs) / 1000));
    const poll = new URLSearchParams({ grant_type: DEVICE_GRANT, device_code: deviceCode });
    if (ctx.resource) poll.set('resource', ctx.resource);
    try {
      return OAuthTokensSchema.parse(await postGrant(metadata, poll, ctx.authenticate, { fetch: ctx.fetch, ...(ctx.signal ? { signal: ctx.signal } : {}) }));
    } catch (error) {
      const code = error instanceof OAuthError ? error.errorCode : undefined;
      if (code === 'authorization_pending') continue;
      if (code === 'slow_down') {
        interval += 5;
        continue;
      }
      if (code === 'expired_token') throw OAUTH_LOGIN_TIMEOUT(ctx.label, expiresIn);
      if (code === 'access_denied') throw OAUTH_AUTHORIZATION_FAILED(metadata.issuer, 'the login was denied', { details: { oauthError: code } });
      throw tokenFailure(metadata.issuer, error);
    }
  }
}
