import { defineCommand } from '@mcpctl/kernel';
import { NO_OPTIONS, NAME } from '../options.js';

export const serversDisableCommand = defineCommand({
  path: ['servers', 'disable'],
  summary: 'Do not start this server when the daemon starts',
  positionals: [NAME],
  options: NO_OPTIONS,
  run: async (ctx) => (await import('../../run/servers/enable.js')).serversEnable(false, ctx),
});
