import { createError, ExitCode } from '@mcpctl/kernel';

/**
 * The db plugin's coded errors: problems building the server (bad options,
 * unreachable database). Failures of a tool call are ToolErrors (see
 * tool-errors.ts) so they reach the caller as results with `isError`.
 */

export const DB_URL_INVALID = createError<[string, string]>('MCPCTL_DB_URL_INVALID', 'Invalid database url %s: %s', {
  exitCode: ExitCode.USAGE,
  hint: 'Use sqlite:<path>, sqlite::memory:, postgres://user@host:5432/db or mysql://user@host:3306/db; take the password from ${env:NAME}.',
});

export const DB_OPTIONS_INVALID = createError<[string, string]>('MCPCTL_DB_OPTIONS_INVALID', 'Server %s: %s', {
  exitCode: ExitCode.USAGE,
  hint: 'See the db plugin README for the options of a `type: db` entry, or run `mcpctl config validate`.',
});

export const DB_CONNECT = createError<[string, string, string]>('MCPCTL_DB_CONNECT', 'Could not connect to %s (%s): %s', {
  exitCode: ExitCode.CONNECT,
  hint: 'Check that the database server is running and reachable, and that the url, user, password and database name are right.',
});
