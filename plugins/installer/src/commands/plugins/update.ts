import { defineCommand } from '@mcpctl/kernel';
import { settingsOf } from '../../settings.js';
import { installOptions } from './options.js';

export const pluginsUpdate = defineCommand({
  path: ['plugins', 'update'],
  summary: 'Update installed plugins within their ranges (--latest to cross majors)',
  description: 'Updates each named plugin (all installed ones when none is named) to the newest version its recorded range allows. --latest takes the registry\'s latest instead, and is refused for a plugin whose latest version needs a plugin API this mcpctl does not have. An update is an install: verified, staged and swapped atomically.',
  examples: [
    ['Update everything', 'mcpctl plugins update'],
    ['Cross a major version', 'mcpctl plugins update mcpctl-plugin-greet --latest'],
  ],
  options: { ...installOptions, latest: { type: 'boolean', description: 'Take the latest version, even a new major' } },
  rest: { name: 'names', description: 'Package names (default: every installed plugin)' },
  async run({ io, kernel, options, rest }) {
    const { withWarmChecker } = await import('../../install/setup-check.js');
    return withWarmChecker(options.setupTimeout, async (checker) => {
      const { runUpdate } = await import('../../run/plugins/update.js');
      return runUpdate({ io, kernel, options, names: rest, defaults: settingsOf(), checker });
    });
  },
});
