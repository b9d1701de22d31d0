import { defineCommand } from '@mcpctl/kernel';
import { targetPositional } from './options.js';

export const authStatus = defineCommand({
  path: ['auth', 'status'],
  summary: 'Show which servers have OAuth tokens (scopes, expiry; never values)',
  description: 'Lists the stored OAuth logins: server, authorization server, client, grant, scopes, when the access token expires and whether a refresh token is held. Token values are never shown.',
  examples: [['What is stored', 'mcpctl auth status'], ['As JSON', 'mcpctl auth status --json']],
  positionals: [{ ...targetPositional, required: false }],
  async run(ctx) {
    const { runStatus } = await import('../../run/auth/status.js');
    return runStatus(ctx);
  },
});
