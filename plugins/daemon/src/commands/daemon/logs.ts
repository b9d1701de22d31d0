import { defineCommand } from '@mcpctl/kernel';
import { LOG_OPTIONS } from '../options.js';

export const daemonLogsCommand = defineCommand({
  path: ['daemon', 'logs'],
  summary: "Print (or follow) the daemon's own log",
  options: LOG_OPTIONS,
  run: async (ctx) => (await import('../../run/daemon/logs.js')).daemonLogs(ctx),
});
