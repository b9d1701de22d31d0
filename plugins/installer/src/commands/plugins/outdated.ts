import { defineCommand } from '@mcpctl/kernel';
import { registryOption } from './options.js';

export const pluginsOutdated = defineCommand({
  path: ['plugins', 'outdated'],
  summary: 'List installed plugins with newer versions',
  description: 'For each installed plugin: the installed version, the newest its range allows (wanted), the registry\'s latest, and whether latest fits this mcpctl\'s plugin API. Exits 0 whether or not anything is outdated.',
  examples: [['As JSON', 'mcpctl plugins outdated --json']],
  options: registryOption,
  async run({ io, kernel, options }) {
    const { runOutdated } = await import('../../run/plugins/outdated.js');
    return runOutdated({ io, kernel, options });
  },
});
