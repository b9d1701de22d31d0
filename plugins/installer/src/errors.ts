import { createError, ExitCode } from '@mcpctl/kernel';

/** Every error the installer commands can raise: a stable code, a message, a hint and an exit code. */

export const SPEC_INVALID = createError<[string, string]>('MCPCTL_INSTALL_SPEC_INVALID', 'Cannot install "%s": %s', {
  exitCode: ExitCode.USAGE,
  hint: 'A spec is a package name, name@range, name@tag, a local .tgz file or a local directory.',
});
export const NOT_A_PLUGIN = createError<[string]>('MCPCTL_INSTALL_NOT_A_PLUGIN', '%s is not an mcpctl plugin: its package.json has no "mcpctl" field', {
  exitCode: ExitCode.USAGE,
  hint: 'Search for plugins with `mcpctl plugins search <words>`; a plugin declares an "mcpctl" manifest (docs/writing-plugins.md).',
});
export const MANIFEST_INVALID = createError<[string, string]>('MCPCTL_INSTALL_MANIFEST_INVALID', 'The plugin manifest of %s is invalid: %s', {
  hint: 'Nothing was installed. The plugin must be fixed by its author; `mcpctl plugins info` shows the manifest of installed plugins.',
});
export const API_INCOMPATIBLE = createError<[string, string, string, string]>('MCPCTL_INSTALL_API_INCOMPATIBLE', '%s needs plugin API %s; this mcpctl provides %s (versions that fit: %s)', {
  hint: 'Nothing was installed. Install a version that fits (`mcpctl plugins install name@version`), or upgrade mcpctl.',
});
export const INTEGRITY = createError<[string, string]>('MCPCTL_INSTALL_INTEGRITY', 'Integrity check failed for %s: %s', {
  hint: 'Nothing was installed. The tarball does not match the sha512 the registry published for it (a corrupted cache, proxy or mirror); try again, or report it to the registry.',
});
export const FETCH_FAILED = createError<[string, string]>('MCPCTL_INSTALL_FETCH_FAILED', 'Cannot fetch %s: %s', {
  exitCode: ExitCode.CONNECT,
  hint: 'Check the name and version, the registry (`--registry`, .npmrc, npm_config_registry) and, for a private package, the auth token in .npmrc.',
});
export const VERSION_NOT_FOUND = createError<[string, string, string]>('MCPCTL_INSTALL_VERSION_NOT_FOUND', 'No version of %s matches "%s" (published: %s)', {
  exitCode: ExitCode.USAGE,
  hint: 'Nothing was installed. Give one of the published versions, a range that includes one, or a dist-tag (`name@latest`).',
});
export const INSTALL_FAILED = createError<[string, string]>('MCPCTL_INSTALL_FAILED', 'Installing %s failed: %s', {
  hint: 'Nothing was changed: the previous installation, if any, still loads. Run again with --log-level debug for details.',
});
export const SETUP_FAILED = createError<[string, string]>('MCPCTL_INSTALL_SETUP_FAILED', '%s did not set up: %s', {
  hint: 'Nothing was installed: the plugin fails when mcpctl loads it. Report it to its author, or install another version.',
});
export const SETUP_TIMEOUT = createError<[string, number]>('MCPCTL_INSTALL_SETUP_TIMEOUT', '%s did not finish its setup check within %d ms', {
  exitCode: ExitCode.TIMEOUT,
  hint: 'Nothing was installed. A setup should only tap hooks; raise the limit with --setup-timeout <ms> if the plugin is known to be slow.',
});
export const SCRIPTS_UNSUPPORTED = createError<[string]>('MCPCTL_INSTALL_SCRIPTS_UNSUPPORTED', 'The %s installer cannot run package scripts', {
  exitCode: ExitCode.USAGE,
  hint: 'Use the default installer (`--installer arborist`) with --allow-scripts.',
});
export const DECLINED = createError<[string]>('MCPCTL_INSTALL_DECLINED', 'Not installed: %s', {
  hint: 'Pass --yes to install without asking.',
});
export const LOCK_TIMEOUT = createError<[string]>('MCPCTL_INSTALL_LOCKED', 'Another mcpctl is changing the plugin folder %s and did not finish in time', {
  hint: 'Wait for the other `mcpctl plugins …` command to finish and try again.',
});
export const NOT_FROM_REGISTRY = createError<[string, string]>('MCPCTL_UPDATE_NOT_FROM_REGISTRY', '%s was installed from %s, not from a registry: there is no newer version to look for', {
  exitCode: ExitCode.USAGE,
  hint: '`plugins update` follows registry ranges; install it again from its source (`mcpctl plugins install <directory or .tgz>`) to update it.',
});
export const NOT_INSTALLED = createError<[string, string]>('MCPCTL_PLUGIN_NOT_INSTALLED', '%s is not installed in the user plugin folder (installed: %s)', {
  exitCode: ExitCode.USAGE,
  hint: 'Run `mcpctl plugins list` to see where each plugin comes from; only installed and linked plugins can be uninstalled or updated.',
});
export const UPDATE_REFUSED = createError<[string, string]>('MCPCTL_UPDATE_REFUSED', 'Not updating %s: %s', {
  hint: 'Keep the installed version, or install a version that fits with `mcpctl plugins install name@version`.',
});
export const LINK_INVALID = createError<[string, string]>('MCPCTL_LINK_INVALID', 'Cannot link %s: %s', {
  exitCode: ExitCode.USAGE,
  hint: 'Link the root of a plugin package: a directory whose package.json has an "mcpctl" manifest, built (its entry file exists).',
});
export const CREATE_REFUSED = createError<[string, string]>('MCPCTL_CREATE_REFUSED', 'Cannot create a plugin in %s: %s', {
  exitCode: ExitCode.USAGE,
  hint: 'Pick a new or empty directory.',
});
export const SEARCH_FAILED = createError<[string, string]>('MCPCTL_SEARCH_FAILED', 'Searching %s failed: %s', {
  exitCode: ExitCode.CONNECT,
  hint: 'Check the registry (`--registry`, .npmrc, npm_config_registry); not every registry implements the search API.',
});
export const RECORD_INVALID = createError<[string, string]>('MCPCTL_INSTALL_RECORD_INVALID', 'The install record %s cannot be read: %s', {
  exitCode: ExitCode.USAGE,
  hint: 'Fix or delete the file; `mcpctl plugins install <name>` rewrites each entry.',
});
