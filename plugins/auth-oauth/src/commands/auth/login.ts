import { defineCommand } from '@mcpctl/kernel';
import { oauthTargetOptions, targetPositional } from './options.js';

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
  positionals: [targetPositional],
  async run(ctx) {
    const { runLogin } = await import('../../run/auth/login.js');
    return runLogin(ctx);
  },
});
