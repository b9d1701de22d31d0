import type { CommandRunContext } from '@mcpctl/kernel';

export async function runConfigPath({ io, kernel }: CommandRunContext): Promise<number> {
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
}
