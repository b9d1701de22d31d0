import { createError, ExitCode } from '@mcpctl/kernel';

/**
 * Coded errors of core's transports. Entry fields of the wrong shape are
 * MCPCTL_ENTRY_INVALID (from @mcpctl/toolkit/entry); what goes wrong on the
 * wire is mapped by the client commands (client/error-map.ts).
 */

/** The code keeps its original name: scripts match on it. */
export const SPAWN_FAILED = createError<[string, string]>('MCPCTL_CLIENT_SPAWN_FAILED', 'Could not start server command "%s": %s', {
  exitCode: ExitCode.CONNECT,
  hint: 'Check that the command exists and is executable (is it on PATH? is --cwd right?).',
});
