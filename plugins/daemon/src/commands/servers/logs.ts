import { defineCommand } from '@mcpctl/kernel';
import { LOG_OPTIONS, NAME } from '../options.js';

export const serversLogsCommand = defineCommand({
  path: ['servers', 'logs'],
  summary: "Print (or follow) a server's stderr log",
  positionals: [NAME],
  options: LOG_OPTIONS,
  run: async (ctx) => (await import('../../run/servers/logs.js')).serversLogs(ctx),
});
