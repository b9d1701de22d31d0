import { defineCommand } from '@mcpctl/kernel';

export const pluginsInfo = defineCommand({
  path: ['plugins', 'info'],
  summary: "Show one plugin's manifest and state",
  description: 'The manifest (what the plugin provides, the API range it needs, its entry and config schema), where it was found, and any problem recorded for it.',
  examples: [['Show the core plugin', 'mcpctl plugins info @mcpctl/plugin-core']],
  positionals: [{ name: 'name', description: 'Package name of the plugin' }],
  async run(ctx) {
    const { runPluginsInfo } = await import('../../run/plugins/info.js');
    return runPluginsInfo(ctx);
  },
});
