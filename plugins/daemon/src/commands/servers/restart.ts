import { defineCommand } from '@mcpctl/kernel';
import { NAME_OR_ALL } from '../options.js';

export const serversRestartCommand = defineCommand({
  path: ['servers', 'restart'],
  summary: 'Restart a server',
  ...NAME_OR_ALL,
  run: async (ctx) => (await import('../../run/servers/control.js')).serversControl('restart', ctx),
});
