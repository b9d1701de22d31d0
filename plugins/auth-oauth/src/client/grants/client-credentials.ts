import type { OAuthTokens } from '@modelcontextprotocol/sdk/shared/auth.js';
import { requestTokens, tokenFailure } from '../token-request.js';
import type { GrantContext } from './context.js';

/** The client credentials grant (machines acting for themselves), with the resource indicator. */
export async function clientCredentialsGrant(ctx: GrantContext): Promise<OAuthTokens> {
  const params = new URLSearchParams({ grant_type: 'client_credentials' });
  if (ctx.scope) params.set('scope', ctx.scope);
  if (ctx.resource) params.set('resource', ctx.resource);
  try {
    return await requestTokens(ctx.discovery.metadata, params, ctx.authenticate, { fetch: ctx.fetch, ...(ctx.signal ? { signal: ctx.signal } : {}) });
  } catch (error) {
    throw tokenFailure(ctx.discovery.metadata.issuer, error);
  }
}
