import { defineCommand } from '@mcpctl/kernel';

export const configPath = defineCommand({
  path: ['config', 'path'],
  summary: 'Print which config file is used',
  description:
    'Prints the config file commands use: the one given with --config or MCPCTL_CONFIG, else the first found in the working directory, each parent up to your home directory, then the global config directory. ' +
    'In each directory the file names are tried in the order listed on a terminal (and in --json). Exits 1 when there is none.',
  examples: [
    ['Which file is used?', 'mcpctl config path'],
    ['Open it', '$EDITOR "$(mcpctl config path)"'],
    ['Where it is looked for, as JSON', 'mcpctl config path --json'],
  ],
  async run(ctx) {
    const { runConfigPath } = await import('../../run/config/path.js');
    return runConfigPath(ctx);
  },
});
