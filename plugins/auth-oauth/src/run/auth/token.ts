import { OAUTH_NO_TOKENS } from '../../errors.js';
import { resolveOAuthTarget, type TargetFlags } from './target.js';
import { clientFor, iso, type AuthCommandContext as Ctx } from './shared.js';

export async function runToken(ctx: Ctx): Promise<number> {
  const target = await resolveOAuthTarget(ctx.kernel, ctx.positionals.target!, ctx.options as TargetFlags);
  const { client, settings } = clientFor(ctx, target, false);
  let grant = await client.currentGrant();
  // Machine grants need no person: obtain a token on the spot.
  if (!grant && settings.grant === 'client_credentials') grant = await client.login({ signal: ctx.signal });
  if (!grant) throw OAUTH_NO_TOKENS(target.label);
  const token = await client.accessToken(ctx.signal);
  if (ctx.io.json) ctx.io.printJson({ accessToken: token, tokenType: 'Bearer', expiresAt: iso((await client.currentGrant())?.tokens.expiresAt) });
  else ctx.io.print(token);
  return 0;
}
