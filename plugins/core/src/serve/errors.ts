import { createError, ExitCode } from '@mcpctl/kernel';

export const SERVE_NOT_HOSTED = createError<[string, string]>(
  'MCPCTL_SERVE_NOT_HOSTED',
  'Server %s has type "%s", an external server mcpctl connects to; `serve` runs server types mcpctl hosts',
  { exitCode: ExitCode.USAGE, hint: 'Run that server\'s own command, or choose an entry whose type is a server type (see `mcpctl plugins list`).' },
);
