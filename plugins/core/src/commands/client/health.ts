import { defineCommand } from '@mcpctl/kernel';
import { healthOptions } from './options.js';

export const healthCommand = defineCommand({
  path: ['health'],
  summary: 'Health-check servers (all configured when none given)',
  description: [
    'For each target (concurrently, each within --timeout): connect, initialize, ping and measure latency, then run every',
    'check plugins contribute. Prints a table (or --json); exit 1 when any target is unhealthy.',
  ].join('\n'),
  examples: [
    ['Check every configured server', 'mcpctl health'],
    ['Check two servers, as JSON', 'mcpctl health files https://example.com/mcp --json'],
  ],
  options: healthOptions,
  rest: { name: 'targets', description: 'Configured server names or URLs (default: all configured servers)' },
  async run(ctx) {
    const { runHealth } = await import('../../run/client/health.js');
    return runHealth(ctx);
  },
});
