import { resolveOAuthTarget, type TargetFlags } from './target.js';
import { clientFor, iso, type AuthCommandContext as Ctx } from './shared.js';

export async function runLogin(ctx: Ctx): Promise<number> {
  const target = await resolveOAuthTarget(ctx.kernel, ctx.positionals.target!, ctx.options as TargetFlags);
  // `auth login` is the explicit request to log in: a person is there.
  const { client } = clientFor(ctx, target, true);
  const grant = await client.login({ force: Boolean(ctx.options.force), signal: ctx.signal });
  const summary = { server: target.label, url: target.url, issuer: grant.issuer, clientId: grant.clientId, grant: grant.grant, scopes: grant.tokens.scope?.split(' ') ?? [], expiresAt: iso(grant.tokens.expiresAt), refreshToken: Boolean(grant.tokens.refreshToken) };
  if (ctx.io.json) ctx.io.printJson(summary);
  else ctx.io.print(`Logged in to ${target.label} (authorization server ${grant.issuer}${summary.scopes.length ? `, scopes ${summary.scopes.join(' ')}` : ''}${grant.tokens.expiresAt ? `, token expires ${summary.expiresAt}` : ''}).`);
  return 0;
}
