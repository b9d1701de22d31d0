import { defineCommand } from '@mcpctl/kernel';
import { START_OPTIONS } from '../options.js';

export const daemonStartCommand = defineCommand({
  path: ['daemon', 'start'],
  summary: 'Start the background daemon (detached unless --foreground)',
  description:
    'Starts the daemon that supervises the configured servers and keeps warm sessions for client commands. ' +
    'One daemon runs per user; if one is already running this says so and succeeds. After a crash (kill -9) the daemon restores every server that was running.',
  examples: [
    ['Start the daemon in the background', 'mcpctl daemon start'],
    ['Run it in this terminal (logs to stderr)', 'mcpctl daemon start --foreground'],
  ],
  options: START_OPTIONS,
  run: async (ctx) => (await import('../../run/daemon/start.js')).daemonStart(ctx),
});
