import { createError, ExitCode } from '@mcpctl/kernel';

/** Every coded error the daemon plugin raises, in one place. */

export const DAEMON_NOT_RUNNING = createError<[string]>('MCPCTL_DAEMON_NOT_RUNNING', 'The daemon is not running (no answer on %s)', {
  exitCode: ExitCode.CONNECT,
  hint: 'Start it with `mcpctl daemon start`.',
});
export const DAEMON_ALREADY_RUNNING = createError<[number, string]>('MCPCTL_DAEMON_ALREADY_RUNNING', 'A daemon is already running (pid %d, socket %s)', {
  hint: 'Use `mcpctl daemon status`, or `mcpctl daemon stop` first.',
});
export const DAEMON_START_FAILED = createError<[string]>('MCPCTL_DAEMON_START_FAILED', 'The daemon did not start: %s', {
  hint: 'Run `mcpctl daemon logs` or `mcpctl daemon start --foreground` to see why.',
});
export const DAEMON_UNSAFE_DIR = createError<[string, string]>('MCPCTL_DAEMON_UNSAFE_DIR', 'Refusing to use %s: %s', {
  hint: 'The socket directory must be owned by you and not accessible to others (mode 0700).',
});
export const DAEMON_SOCKET_PATH_TOO_LONG = createError<[string]>('MCPCTL_DAEMON_SOCKET_PATH_TOO_LONG', 'Socket path is too long for a Unix socket: %s', {
  hint: 'Set XDG_RUNTIME_DIR to a shorter directory.',
});
export const DAEMON_STATE_MOVED_ASIDE = createError<[string, string, string]>(
  'MCPCTL_DAEMON_STATE_MOVED_ASIDE',
  'The daemon state file %s could not be used (%s); it was moved to %s and the daemon starts from the config',
  { hint: 'Inspect the moved file; servers that should run were taken from the config instead.' },
);
export const DAEMON_PROTOCOL = createError<[string]>('MCPCTL_DAEMON_PROTOCOL', 'Daemon protocol error: %s', {
  exitCode: ExitCode.PROTOCOL,
  hint: 'The CLI and the daemon may be different versions: run `mcpctl daemon stop && mcpctl daemon start`.',
});
export const DAEMON_REQUEST_FAILED = createError<[string]>('MCPCTL_DAEMON_REQUEST_FAILED', '%s');
export const DAEMON_ENTRY_MISMATCH = createError<[string]>('MCPCTL_DAEMON_ENTRY_MISMATCH', 'The daemon runs a different entry for "%s" than the CLI\'s config', {
  hint: 'Run `mcpctl daemon reload` so the daemon picks up the config, or pass --no-daemon.',
});
export const DAEMON_METHOD_NOT_FORWARDED = createError<[string, string]>('MCPCTL_DAEMON_METHOD_NOT_FORWARDED', 'method "%s" is not forwarded; forwarded: %s', {
  exitCode: ExitCode.USAGE,
});
export const SERVER_NOT_SUPERVISED = createError<[string, string]>('MCPCTL_SERVER_NOT_SUPERVISED', 'The daemon supervises no server named "%s"; it supervises: %s', {
  exitCode: ExitCode.USAGE,
  hint: 'Check the name with `mcpctl servers list`; after editing the config run `mcpctl daemon reload`.',
});
export const SERVER_NOT_RUNNING = createError<[string, string]>('MCPCTL_SERVER_NOT_RUNNING', 'Server "%s" is not running (%s)', {
  exitCode: ExitCode.CONNECT,
  hint: 'Start it with `mcpctl servers start <name>`; `mcpctl servers status <name>` shows why it stopped.',
});
export const SERVER_FAILED = createError<[string, string]>('MCPCTL_SERVER_FAILED', 'Server "%s" failed: %s', {
  exitCode: ExitCode.CONNECT,
  hint: '`mcpctl servers logs <name>` shows its stderr; `mcpctl servers start <name>` clears the failure and tries again.',
});
export const SERVER_NOT_SPAWNABLE = createError<[string, string]>('MCPCTL_SERVER_NOT_SPAWNABLE', 'Server "%s" cannot be supervised: %s', {
  exitCode: ExitCode.USAGE,
});
export const SUPERVISE_INVALID = createError<[string, string]>('MCPCTL_DAEMON_SUPERVISE_INVALID', 'Invalid supervise option for server "%s": %s', {
  exitCode: ExitCode.USAGE,
  hint: 'See `supervise:` in docs/daemon.md.',
});
