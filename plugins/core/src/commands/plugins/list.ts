import { defineCommand } from '@mcpctl/kernel';

export const pluginsList = defineCommand({
  path: ['plugins', 'list'],
  summary: 'List discovered plugins',
  description: 'Every plugin found in the built-ins, the config\'s `plugins:` list, the user plugin folder and MCPCTL_PLUGINS, with its source and state. Reads manifests only; no plugin code runs.',
  examples: [
    ['List plugins', 'mcpctl plugins list'],
    ['As JSON, for scripts', 'mcpctl plugins list --json'],
  ],
  async run(ctx) {
    const { runPluginsList } = await import('../../run/plugins/list.js');
    return runPluginsList(ctx);
  },
});
