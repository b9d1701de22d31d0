import { defineCommand } from '@mcpctl/kernel';
import { NO_OPTIONS } from '../options.js';

export const daemonStatusCommand = defineCommand({
  path: ['daemon', 'status'],
  summary: "Show the daemon's pid, uptime, socket, version and servers by state",
  description: 'Exits with code 3 when no daemon is running.',
  options: NO_OPTIONS,
  run: async (ctx) => (await import('../../run/daemon/status.js')).daemonStatus(ctx),
});
