import type { CommandRunContext, OptionSpec } from '@mcpctl/kernel';
import { createOAuthClient } from '../../client/client-auth.js';
import { parseOAuthSettings } from '../../client/settings.js';
import type { OAuthTarget } from './target.js';

/** What the `auth` implementations share. */
export type AuthCommandContext = CommandRunContext<Record<string, OptionSpec>>;

/** The OAuth client for a target, with the settings it was made from; its messages (browser URL, device code) go to stderr. */
export function clientFor(ctx: AuthCommandContext, target: OAuthTarget, interactive: boolean) {
  const settings = parseOAuthSettings(target.auth, target.label);
  const client = createOAuthClient(target.url, target.label, settings, {
    logger: ctx.kernel.logger,
    interactive,
    tell: (text) => ctx.io.stderr.write(`${text}\n`),
  });
  return { client, settings };
}

/** An epoch-milliseconds time as ISO 8601, or null. */
export function iso(ms: number | undefined): string | null {
  return ms === undefined ? null : new Date(ms).toISOString();
}
