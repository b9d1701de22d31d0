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
  async run({ io, kernel }) {
    const { CONFIG_SEARCH_PLACES, searchDirectories } = await import('@mcpctl/kernel/config');
    const file = kernel.options.configPath;
    const directories = searchDirectories({ cwd: kernel.options.cwd, env: process.env, globalDir: kernel.paths.config });
    if (io.json) {
      io.printJson({ file: file ?? null, searchPlaces: CONFIG_SEARCH_PLACES, directories });
      return file ? 0 : 1;
    }
    const searched = [`Searched, in order, in ${directories.join(', ')}:`, `  ${CONFIG_SEARCH_PLACES.join(', ')}`, '--config <file> or MCPCTL_CONFIG overrides the search.'].join('\n');
    if (!file) {
      io.stderr.write(`No config file found. Run \`mcpctl init\` to create one.\n${searched}\n`);
      return 1;
    }
    io.print(file);
    // Only the path when piped, so `$(mcpctl config path)` works.
    if (io.isTTY) io.print(searched);
    return 0;
  },
});
