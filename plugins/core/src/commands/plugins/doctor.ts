import { defineCommand } from '@mcpctl/kernel';

export const pluginsDoctor = defineCommand({
  path: ['plugins', 'doctor'],
  summary: 'Load every plugin and report every problem',
  description: 'Imports and sets up every discovered plugin (unlike other commands, which load only what they use) and lists each problem with its code, plugin, source, path and a hint. Exits 1 when any plugin has a problem.',
  examples: [
    ['Check all plugins', 'mcpctl plugins doctor'],
    ['In CI', 'mcpctl plugins doctor --json'],
  ],
  async run(ctx) {
    const { runPluginsDoctor } = await import('../../run/plugins/doctor.js');
    return runPluginsDoctor(ctx);
  },
});
