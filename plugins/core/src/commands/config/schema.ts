import { defineCommand } from '@mcpctl/kernel';

export const configSchema = defineCommand({
  path: ['config', 'schema'],
  summary: 'Print the composed JSON Schema (for editors)',
  description:
    'Prints the one JSON Schema (draft 2020-12) for config files: the kernel\'s base schema with every installed plugin\'s options for its server types, transports, auth methods and settings. ' +
    'Save it next to the config and point your editor at it (`mcpctl init` does both); regenerate it after installing plugins.',
  examples: [
    ['Save it for editors', 'mcpctl config schema > mcpctl.schema.json'],
    ['List the known server types', 'mcpctl config schema | jq ".\\"$defs\\".serverEntry.properties.type.enum"'],
  ],
  async run(ctx) {
    const { runConfigSchema } = await import('../../run/config/schema.js');
    return runConfigSchema(ctx);
  },
});
