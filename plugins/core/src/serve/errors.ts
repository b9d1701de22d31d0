import { createError, ExitCode } from '@mcpctl/kernel';

export const SERVE_NOT_HOSTED = createError<[string, string]>(
  'MCPCTL_SERVE_NOT_HOSTED',
  'Server %s has type "%s", an external server mcpctl connects to; `serve` runs server types mcpctl hosts',
  { exitCode: ExitCode.USAGE, hint: 'Run that server\'s own command, or choose an entry whose type is a server type (see `mcpctl plugins list`).' },
);

export const SERVE_AUTH_MISPLACED = createError<[string]>(
  'MCPCTL_SERVE_AUTH_MISPLACED',
  'Server %s has `auth:`, which is how mcpctl authenticates to a server it connects to; requests to a served endpoint are checked by `serve.auth`',
  { exitCode: ExitCode.USAGE, hint: 'Move the block to `serve: { auth: { method: api-key | basic | … } }` (see plugins/core/README.md#serving-with-auth).' },
);
