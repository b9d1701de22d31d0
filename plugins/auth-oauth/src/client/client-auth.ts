import type { AuthChallenge, AuthRequest, AuthContext, ClientAuth } from '@mcpctl/kernel';
import { resolvePaths } from '@mcpctl/kernel';
import { join } from 'node:path';
import { openBrowser } from './browser.js';
import { OAuthClient } from './oauth-client.js';
import { parseOAuthSettings, type OAuthSettings } from './settings.js';
import { TokenStore } from './token-store.js';

/** The token store every process of this user shares: $XDG_STATE_HOME/mcpctl/oauth. */
export function defaultTokenStore(env: NodeJS.ProcessEnv = process.env): TokenStore {
  return new TokenStore(join(resolvePaths(env).state, 'oauth'));
}

/**
 * Whether a person can be asked to log in: a terminal on stdin and stderr
 * (so never in the daemon), unless MCPCTL_OAUTH_INTERACTIVE says otherwise
 * ("1" forces it, e.g. with $BROWSER set to a script; "0" forbids it).
 */
export function isInteractive(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.MCPCTL_OAUTH_INTERACTIVE === '1') return true;
  if (env.MCPCTL_OAUTH_INTERACTIVE === '0') return false;
  return Boolean(process.stdin.isTTY && process.stderr.isTTY);
}

/** Build an OAuthClient for a server URL (shared by the auth hook and `mcpctl auth …`). */
export function createOAuthClient(serverUrl: string, label: string, settings: OAuthSettings, options: { logger?: AuthContext['logger']; interactive?: boolean; tell?: (text: string) => void; store?: TokenStore; env?: NodeJS.ProcessEnv } = {}): OAuthClient {
  const env = options.env ?? process.env;
  return new OAuthClient({
    serverUrl,
    label,
    settings,
    store: options.store ?? defaultTokenStore(env),
    ...(options.logger ? { logger: options.logger } : {}),
    interactive: options.interactive ?? isInteractive(env),
    tell: options.tell ?? ((text) => process.stderr.write(`${text}\n`)),
    openUrl: (url) => openBrowser(url, env),
    env,
  });
}

/**
 * The `oauth` client auth method. The auth hook is not told the server URL,
 * so the client binds to the URL of the first request the transport makes
 * (the entry's URL: the MCP endpoint, or the SSE stream of the legacy transport).
 */
export function oauthClientAuth(request: AuthRequest, context: AuthContext): ClientAuth {
  const settings = parseOAuthSettings(request.config, request.serverName);
  let client: OAuthClient | undefined;
  const clientFor = (url: string) => (client ??= createOAuthClient(url, request.serverName ?? url, settings, { logger: context.logger }));
  return {
    method: 'oauth',
    headers: (req) => (req ? clientFor(req.url).headers() : {}),
    challenge: (challenge: AuthChallenge) => clientFor(challenge.url).challenge(challenge.status, challenge.wwwAuthenticate, challenge.signal),
  };
}
