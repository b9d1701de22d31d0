import { defineCommand } from '@mcpctl/kernel';
import { NAME_OR_ALL } from '../options.js';

export const serversStopCommand = defineCommand({
  path: ['servers', 'stop'],
  summary: 'Stop a server',
  ...NAME_OR_ALL,
  run: async (ctx) => (await import('../../run/servers/control.js')).serversControl('stop', ctx),
});
