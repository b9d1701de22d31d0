import { defineCommand } from '@mcpctl/kernel';

export const configValidate = defineCommand({
  path: ['config', 'validate'],
  summary: 'Validate the config and report every problem',
  description:
    'Loads the config (with the profile, if one is chosen) and validates it against the schema composed from the kernel and every plugin. ' +
    'Each problem is reported with its file, line, column and JSON pointer, what was expected and what was found. ' +
    'Exits 0 when valid, 2 when there are problems, 1 when there is no config file.',
  examples: [
    ['Validate the config in use', 'mcpctl config validate'],
    ['Validate another file', 'mcpctl config validate --config ./staging.yaml'],
    ['With a profile applied', 'mcpctl --profile ci config validate'],
    ['In CI, as JSON', 'mcpctl config validate --json'],
  ],
  async run(ctx) {
    const { runConfigValidate } = await import('../../run/config/validate.js');
    return runConfigValidate(ctx);
  },
});
