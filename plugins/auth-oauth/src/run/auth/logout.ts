import { defaultTokenStore } from '../../client/client-auth.js';
import { OAUTH_TARGET_UNKNOWN } from '../../errors.js';
import { resolveOAuthTarget, type TargetFlags } from './target.js';
import { clientFor, type AuthCommandContext as Ctx } from './shared.js';

export async function runLogout(ctx: Ctx): Promise<number> {
  const store = defaultTokenStore();
  if (ctx.options.all) {
    const count = await store.deleteAll();
    if (ctx.io.json) ctx.io.printJson({ removed: count });
    else ctx.io.print(`Forgot ${count} stored OAuth login${count === 1 ? '' : 's'} and every client registration.`);
    return 0;
  }
  const wanted = ctx.positionals.target;
  if (!wanted) throw OAUTH_TARGET_UNKNOWN('(nothing)', { hint: 'Name a server or URL, or pass --all.' });
  const target = await resolveOAuthTarget(ctx.kernel, wanted, ctx.options as TargetFlags);
  const { client } = clientFor(ctx, target, false);
  const { removed, revoked } = await client.logout(ctx.signal);
  if (ctx.io.json) ctx.io.printJson({ removed: removed ? 1 : 0, revoked });
  else ctx.io.print(!removed ? `No OAuth tokens were stored for ${wanted}.` : `Forgot the OAuth tokens of ${wanted}${revoked ? ' (revoked at the authorization server)' : ' (the authorization server could not revoke them)'}.`);
  return 0;
}
