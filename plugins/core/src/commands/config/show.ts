import { defineCommand } from '@mcpctl/kernel';

export const configShow = defineCommand({
  path: ['config', 'show'],
  summary: 'Print the resolved config (secrets redacted)',
  description:
    'Prints the config as commands see it: the chosen profile merged in, ${env:…} references resolved, and defaults from the schemas filled in. ' +
    'Values that came from the environment, values under secret-looking keys (password, token, api-key, authorization…) and passwords inside URLs are shown as "[redacted]". ' +
    'YAML by default; one JSON document with --json.',
  examples: [
    ['Show the config', 'mcpctl config show'],
    ['Show it with the ci profile applied', 'mcpctl --profile ci config show'],
    ['As JSON, for scripts', 'mcpctl config show --json | jq .servers'],
  ],
  async run(ctx) {
    const { runConfigShow } = await import('../../run/config/show.js');
    return runConfigShow(ctx);
  },
});
