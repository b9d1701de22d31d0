import { defineCommand } from '@mcpctl/kernel';
import { initOptions } from './options.js';

export const init = defineCommand({
  path: ['init'],
  summary: 'Write a starter mcpctl.config.yaml',
  description:
    'Writes a commented starter config with one example server in the working directory, and mcpctl.schema.json beside it (the composed JSON Schema, which the config references so editors complete and check it). ' +
    'Never overwrites an existing config unless --force. YAML configs reference the schema with a `# yaml-language-server: $schema=` comment, JSON configs with a "$schema" key.',
  examples: [
    ['Start a config here', 'mcpctl init'],
    ['As JSON', 'mcpctl init --format json'],
    ['Start over', 'mcpctl init --force'],
  ],
  options: initOptions,
  async run(ctx) {
    const { runInit } = await import('../../run/config/init.js');
    return runInit(ctx);
  },
});
