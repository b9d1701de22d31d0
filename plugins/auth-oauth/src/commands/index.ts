import { defineCommand } from '@mcpctl/kernel';
import { oauthTargetOptions } from './options.js';

/**
 * `mcpctl auth …` specs. Plain data here (loaded for routing); each `run`
 * imports its implementation, and with it the MCP SDK, on use.
 */
const target = { name: 'target', description: 'A configured server using auth method oauth, or an http(s) URL' };

export const authLogin = defineCommand({
  path: ['auth', 'login'],
  summary: 'Log in to an OAuth-protected server and store its tokens',
  description: 'Runs the OAuth flow now (browser, device code or client credentials, as configured) and stores the tokens under $XDG_STATE_HOME/mcpctl/oauth. Later commands, the daemon included, reuse and refresh them. Without --force an existing login is kept.',
  examples: [
    ['Log in to a configured server', 'mcpctl auth login remote'],
    ['Log in to a URL with a pre-registered client', 'mcpctl auth login https://mcp.example.com/mcp --oauth-client-id mcpctl'],
    ['Log in on a machine without a browser', 'mcpctl auth login remote --oauth-grant device_code'],
  ],
  options: { ...oauthTargetOptions, force: { type: 'boolean', description: 'Log in again even when tokens are stored', default: false } },
  positionals: [target],
  async run(ctx) {
    const { runLogin } = await import('./run.js');
    return runLogin(ctx);
  },
});

export const authStatus = defineCommand({
  path: ['auth', 'status'],
  summary: 'Show which servers have OAuth tokens (scopes, expiry; never values)',
  description: 'Lists the stored OAuth logins: server, authorization server, client, grant, scopes, when the access token expires and whether a refresh token is held. Token values are never shown.',
  examples: [['What is stored', 'mcpctl auth status'], ['As JSON', 'mcpctl auth status --json']],
  positionals: [{ ...target, required: false }],
  async run(ctx) {
    const { runStatus } = await import('./run.js');
    return runStatus(ctx);
  },
});

export const authLogout = defineCommand({
  path: ['auth', 'logout'],
  summary: 'Revoke and forget the OAuth tokens of a server (or all)',
  description: 'Revokes the stored tokens of one server at its authorization server (RFC 7009, when it offers revocation) and deletes them; with --all deletes every stored token and client registration (without revoking).',
  examples: [['Forget one server', 'mcpctl auth logout remote'], ['Forget everything', 'mcpctl auth logout --all']],
  options: { ...oauthTargetOptions, all: { type: 'boolean', description: 'Forget every stored token and registration', default: false } },
  positionals: [{ ...target, required: false }],
  async run(ctx) {
    const { runLogout } = await import('./run.js');
    return runLogout(ctx);
  },
});

export const authToken = defineCommand({
  path: ['auth', 'token'],
  summary: 'Print a current OAuth access token for a server (for scripts)',
  description: 'Prints the access token (refreshed first when it is about to expire) and nothing else, e.g. for `curl -H "Authorization: Bearer $(mcpctl auth token remote)"`. Fails when no login is stored (client credentials obtain one).',
  examples: [['Use it with curl', 'curl -H "Authorization: Bearer $(mcpctl auth token remote)" https://mcp.example.com/mcp']],
  options: { ...oauthTargetOptions },
  positionals: [target],
  async run(ctx) {
    const { runToken } = await import('./run.js');
    return runToken(ctx);
  },
});

export const authCommands = [authLogin, authStatus, authLogout, authToken];
