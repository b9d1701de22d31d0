import { defineCommand } from '@mcpctl/kernel';
import { pingOptions, targetPositional } from './options.js';

export const pingCommand = defineCommand({
  path: ['ping'],
  summary: 'Ping a server and print the round-trip time',
  examples: [['Ping a server three times', 'mcpctl ping everything --count 3']],
  options: pingOptions,
  positionals: [targetPositional],
  async run(ctx) {
    const { runPing } = await import('../../run/client/ping.js');
    return runPing(ctx);
  },
});
