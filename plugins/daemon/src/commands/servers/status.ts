import { defineCommand } from '@mcpctl/kernel';
import { NO_OPTIONS, NAME } from '../options.js';

export const serversStatusCommand = defineCommand({
  path: ['servers', 'status'],
  summary: 'Show one supervised server in detail',
  positionals: [NAME],
  options: NO_OPTIONS,
  run: async (ctx) => (await import('../../run/servers/status.js')).serversStatus(ctx),
});
