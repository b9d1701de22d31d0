import { defineCommand } from '@mcpctl/kernel';
import { registryOption } from './options.js';

export const pluginsSearch = defineCommand({
  path: ['plugins', 'search'],
  summary: 'Search the registry for mcpctl plugins',
  description: 'Asks the registry\'s search API for packages with the keyword `mcpctl-plugin` matching the words, and shows each one\'s name, version, description and — when the registry has its manifest — what it provides.',
  examples: [['Find database plugins', 'mcpctl plugins search database']],
  options: { ...registryOption, limit: { type: 'number', description: 'At most this many results (default 20)', placeholder: 'n' } },
  rest: { name: 'words', description: 'Search words (none: every plugin)' },
  async run({ io, kernel, options, rest }) {
    const { runSearch } = await import('../../run/plugins/search.js');
    return runSearch({ io, kernel, options, words: rest });
  },
});
