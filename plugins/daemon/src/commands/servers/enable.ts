import { defineCommand } from '@mcpctl/kernel';
import { NO_OPTIONS, NAME } from '../options.js';

export const serversEnableCommand = defineCommand({
  path: ['servers', 'enable'],
  summary: 'Start this server whenever the daemon starts',
  positionals: [NAME],
  options: NO_OPTIONS,
  run: async (ctx) => (await import('../../run/servers/enable.js')).serversEnable(true, ctx),
});
