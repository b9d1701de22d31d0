import { defineCommand } from '@mcpctl/kernel';
import { targetOptions, targetPositional } from './options.js';

export const pingOptions = {
  ...targetOptions,
  count: { type: 'number', description: 'Send this many pings (default 1)', placeholder: '<n>' },
} as const;

export const pingCommand = defineCommand({
  path: ['ping'],
  summary: 'Ping a server and print the round-trip time',
  examples: [['Ping a server three times', 'mcpctl ping everything --count 3']],
  options: pingOptions,
  positionals: [targetPositional],
  async run(ctx) {
    const { runPing } = await import('../../client/run/ping.js');
    return runPing(ctx);
  },
});
