import { errors, type CommandRunContext } from '@mcpctl/kernel';

export async function runConfigValidate({ io, kernel }: CommandRunContext): Promise<number> {
  let loaded;
  try {
    loaded = await kernel.loadConfig();
  } catch (error) {
    if (io.json && errors.CONFIG_INVALID.is(error)) {
      io.printJson({ valid: false, file: error.details?.['file'] ?? null, issues: error.details?.['issues'] ?? [] });
      return 2;
    }
    // Parse errors, missing variables and the like print as errors (exit 2).
    throw error;
  }
  if (!loaded.filepath) {
    if (io.json) io.printJson({ valid: false, file: null, issues: [], reason: 'no config file found' });
    else io.stderr.write('No config file found; nothing to validate. Run `mcpctl init` to create one, or see `mcpctl config path`.\n');
    return 1;
  }
  const profile = loaded.profile ? ` (profile ${loaded.profile})` : '';
  if (io.json) io.printJson({ valid: true, file: loaded.filepath, profile: loaded.profile ?? null, issues: [] });
  else io.print(`✓ ${loaded.filepath} is valid${profile}`);
  return 0;
}
