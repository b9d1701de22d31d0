import { defineCommand } from '@mcpctl/kernel';
import { oauthTargetOptions, targetPositional } from './options.js';

export const authLogout = defineCommand({
  path: ['auth', 'logout'],
  summary: 'Revoke and forget the OAuth tokens of a server (or all)',
  description: 'Revokes the stored tokens of one server at its authorization server (RFC 7009, when it offers revocation) and deletes them; with --all deletes every stored token and client registration (without revoking).',
  examples: [['Forget one server', 'mcpctl auth logout remote'], ['Forget everything', 'mcpctl auth logout --all']],
  options: { ...oauthTargetOptions, all: { type: 'boolean', description: 'Forget every stored token and registration', default: false } },
  positionals: [{ ...targetPositional, required: false }],
  async run(ctx) {
    const { runLogout } = await import('../../run/auth/logout.js');
    return runLogout(ctx);
  },
});
