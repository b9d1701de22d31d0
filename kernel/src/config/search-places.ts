/** The cosmiconfig module name: `mcpctl.config.*`, `.mcpctlrc*`, `package.json#mcpctl`. */
export const CONFIG_MODULE_NAME = 'mcpctl';

/**
 * The file names a config is searched for, in this order, in each directory:
 * the working directory, each parent up to the home directory, then the
 * global config directory. The first file found wins.
 */
export const CONFIG_SEARCH_PLACES: readonly string[] = Object.freeze([
  'mcpctl.config.yaml',
  'mcpctl.config.yml',
  'mcpctl.config.json',
  'mcpctl.config.js',
  'mcpctl.config.mjs',
  'mcpctl.config.ts',
  '.mcpctlrc',
  '.mcpctlrc.json',
  '.mcpctlrc.yaml',
  '.mcpctlrc.yml',
  '.mcpctlrc.js',
  '.mcpctlrc.mjs',
  'package.json',
]);

/** The environment variable that names a config file, like `--config`. */
export const CONFIG_ENV_VAR = 'MCPCTL_CONFIG';
