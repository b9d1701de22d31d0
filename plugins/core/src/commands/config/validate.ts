import { errors, defineCommand } from '@mcpctl/kernel';

export const configValidate = defineCommand({
  path: ['config', 'validate'],
  summary: 'Validate the config and report every problem',
  description:
    'Loads the config (with the profile, if one is chosen) and validates it against the schema composed from the kernel and every plugin. ' +
    'Each problem is reported with its file, line, column and JSON pointer, what was expected and what was found. ' +
    'Exits 0 when valid, 2 when there are problems, 1 when there is no config file.',
  examples: [
    ['Validate the config in use', 'mcpctl config validate'],
    ['Validate another file', 'mcpctl config validate --config ./staging.yaml'],
    ['With a profile applied', 'mcpctl --profile ci config validate'],
    ['In CI, as JSON', 'mcpctl config validate --json'],
  ],
  async run({ io, kernel }) {
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
  },
});
