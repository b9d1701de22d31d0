import type { CommandRunContext, OptionSpec } from '@mcpctl/kernel';
import { createOAuthClient } from '../../client/client-auth.js';
import { parseOAuthSettings } from '../../client/settings.js';

/** What the `auth` implementations share. */
export type AuthCommandContext = CommandRunContext<Record<string, OptionSpec>>;

/** The OAuth client for a target; its messages (browser URL, device code) go to stderr. */
export function clientFor(ctx: AuthCommandContext, label: string, url: string, auth: Parameters<typeof parseOAuthSettings>[0], interactive: boolean) {
  return createOAuthClient(url, label, parseOAuthSettings(auth, label), {
    logger: ctx.kernel.logger,
    interactive,
    tell: (text) => ctx.io.stderr.write(`${text}\n`),
  });
}

/** An epoch-milliseconds time as ISO 8601, or null. */
export function iso(ms: number | undefined): string | null {
  return ms === undefined ? null : new Date(ms).toISOString();
}
