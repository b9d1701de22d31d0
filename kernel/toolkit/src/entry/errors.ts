import { createError } from '@mcpctl/kernel/errors';

/** Exit code 2 (usage or config error); the kernel's ExitCode.USAGE. */
const USAGE = 2;

/** A server entry field has the wrong shape; `details.field` and `details.problem` say which and why. */
export const ENTRY_INVALID = createError<[string, string]>('MCPCTL_ENTRY_INVALID', 'Server %s: %s', {
  exitCode: USAGE,
  hint: 'Fix the entry under `servers:` in the config (`mcpctl config validate` lists every problem).',
});
