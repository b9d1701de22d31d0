import { defineCommand } from '@mcpctl/kernel';
import { oauthTargetOptions, targetPositional } from './options.js';

export const authToken = defineCommand({
  path: ['auth', 'token'],
  summary: 'Print a current OAuth access token for a server (for scripts)',
  description: 'Prints the access token (refreshed first when it is about to expire) and nothing else, e.g. for `curl -H "Authorization: Bearer $(mcpctl auth token remote)"`. Fails when no login is stored (client credentials obtain one).',
  examples: [['Use it with curl', 'curl -H "Authorization: Bearer $(mcpctl auth token remote)" https://mcp.example.com/mcp']],
  options: { ...oauthTargetOptions },
  positionals: [targetPositional],
  async run(ctx) {
    const { runToken } = await import('../../run/auth/token.js');
    return runToken(ctx);
  },
});
