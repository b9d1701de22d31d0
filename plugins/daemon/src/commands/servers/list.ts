import { defineCommand } from '@mcpctl/kernel';
import { NO_OPTIONS } from '../options.js';

export const serversListCommand = defineCommand({
  path: ['servers', 'list'],
  summary: 'List supervised servers with state, pid, uptime, restarts and health',
  options: NO_OPTIONS,
  run: async (ctx) => (await import('../../run/servers/list.js')).serversList(ctx),
});
