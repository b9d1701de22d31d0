import { defineCommand } from '@mcpctl/kernel';
import { STOP_OPTIONS } from '../options.js';

export const daemonStopCommand = defineCommand({
  path: ['daemon', 'stop'],
  summary: 'Stop the daemon and every server it supervises',
  options: STOP_OPTIONS,
  run: async (ctx) => (await import('../../run/daemon/stop.js')).daemonStop(ctx),
});
