import { createError, ExitCode } from '@mcpctl/kernel';

/**
 * Coded errors used across the core plugin (the codes kept their names when
 * they moved here from the kernel). Area-specific ones live next to their
 * code: auth/errors.ts, client/errors.ts, serve/errors.ts.
 */

export const CONFIG_EXISTS = createError<[string]>('MCPCTL_CONFIG_EXISTS', 'A config file already exists at %s', {
  exitCode: ExitCode.USAGE,
  hint: 'Pass --force to overwrite it.',
});
export const CONFIG_IMPORT = createError<[string]>('MCPCTL_CONFIG_IMPORT', '%s', { exitCode: ExitCode.USAGE });
export const UNKNOWN_SERVER = createError<[string, string]>('MCPCTL_UNKNOWN_SERVER', 'No server named "%s" in the config; configured servers: %s', {
  exitCode: ExitCode.USAGE,
  hint: 'Check the name with `mcpctl config show`, or give a URL or --cmd instead.',
});
export const WRITE_FAILED = createError<[string, string]>('MCPCTL_WRITE_FAILED', 'Could not write %s: %s');
