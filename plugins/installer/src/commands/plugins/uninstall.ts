import { defineCommand } from '@mcpctl/kernel';

export const pluginsUninstall = defineCommand({
  path: ['plugins', 'uninstall'],
  summary: 'Remove installed or linked plugins',
  description: 'Removes each plugin\'s entry from the user plugin folder (its link, its store directory and its line in plugins.json). Built-in plugins, config paths and MCPCTL_PLUGINS entries are not installed and cannot be uninstalled.',
  examples: [['Uninstall a plugin', 'mcpctl plugins uninstall mcpctl-plugin-greet']],
  rest: { name: 'names', description: 'Package names', required: true },
  async run({ io, kernel, rest }) {
    const { runUninstall } = await import('../../run/plugins/uninstall.js');
    return runUninstall({ io, kernel, names: rest });
  },
});
