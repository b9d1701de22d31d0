import { defineCommand } from '@mcpctl/kernel';
import { NAME_OR_ALL } from '../options.js';

export const serversStartCommand = defineCommand({
  path: ['servers', 'start'],
  summary: 'Start a server (clears a failed breaker)',
  ...NAME_OR_ALL,
  examples: [['Start one server', 'mcpctl servers start files'], ['Start every server', 'mcpctl servers start --all']],
  run: async (ctx) => (await import('../../run/servers/control.js')).serversControl('start', ctx),
});
