import { createError, ExitCode } from '@mcpctl/kernel';

/**
 * The s3 plugin's coded errors for building a server (bad options). Failures
 * of a tool call are ToolErrors (see tool-errors.ts) so they reach the caller
 * as results with `isError`.
 */

export const S3_OPTIONS_INVALID = createError<[string, string]>('MCPCTL_S3_OPTIONS_INVALID', 'Server %s: %s', {
  exitCode: ExitCode.USAGE,
  hint: 'See the s3 plugin README for the options of a `type: s3` entry, or run `mcpctl config validate`.',
});
