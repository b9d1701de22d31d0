import { ExitCode, createError } from '@mcpctl/kernel';

export const AUTH_CONFIG_INVALID = createError<[string, string, string]>('MCPCTL_AUTH_CONFIG_INVALID', 'auth method %s%s: %s', {
  exitCode: ExitCode.USAGE,
  hint: 'Fix the `auth:` block of the server entry; keep secrets out of the file with "${env:NAME}".',
});
