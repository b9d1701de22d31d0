import { ExitCode, createError } from '@mcpctl/kernel';

/**
 * Coded errors of the client commands (transports have theirs in
 * transports/errors.ts). Kernel-wide codes
 * (TIMEOUT, INTERRUPTED, USAGE_ERROR) come from the kernel; UNKNOWN_SERVER from ../errors.ts.
 */
const { FAILURE, USAGE, CONNECT, PROTOCOL } = ExitCode;

// ---------------------------------------------------------------- connect (exit 3)
export const CONNECTION_REFUSED = createError<[string]>('MCPCTL_CLIENT_CONNECTION_REFUSED', 'Connection refused by %s', {
  exitCode: CONNECT,
  hint: 'Is the server running, and listening on that host and port?',
});
export const DNS_FAILED = createError<[string]>('MCPCTL_CLIENT_DNS', 'Host not found: %s', {
  exitCode: CONNECT,
  hint: 'Check the spelling of the host name and your DNS / network settings.',
});
export const TLS_FAILED = createError<[string, string]>('MCPCTL_CLIENT_TLS', 'TLS handshake with %s failed: %s', {
  exitCode: CONNECT,
  hint: 'Check the certificate; for a private CA set NODE_EXTRA_CA_CERTS to its PEM file.',
});
export const UNAUTHORIZED = createError<[string, string]>('MCPCTL_CLIENT_UNAUTHORIZED', '%s answered 401 Unauthorized%s', { exitCode: CONNECT });
export const FORBIDDEN = createError<[string, string]>('MCPCTL_CLIENT_FORBIDDEN', '%s answered 403 Forbidden%s', {
  exitCode: CONNECT,
  hint: 'The credentials were accepted but do not allow this; check the token\'s scopes or the account\'s permissions.',
});
export const HTTP_STATUS = createError<[string, number, string]>('MCPCTL_CLIENT_HTTP_STATUS', '%s answered HTTP %d: %s', {
  exitCode: CONNECT,
  hint: 'Check the URL (the MCP endpoint is often /mcp, or /sse for old servers).',
});
export const CONNECT_FAILED = createError<[string, string]>('MCPCTL_CLIENT_CONNECT_FAILED', 'Could not connect to %s: %s', { exitCode: CONNECT });
export const CIRCUIT_OPEN = createError<[string, string, string]>(
  'MCPCTL_CLIENT_CIRCUIT_OPEN',
  'Not connecting to %s: %s in a row failed (circuit breaker open); will try again after %s',
  { exitCode: CONNECT, hint: 'Wait until then, fix the server, or pass --no-breaker to try anyway.' },
);

// ---------------------------------------------------------------- protocol (exit 4)
export const SERVER_EXITED = createError<[string, string]>('MCPCTL_CLIENT_SERVER_EXITED', 'Server %s closed the connection: %s', {
  exitCode: PROTOCOL,
  hint: 'The server died or closed its output mid-call; its last stderr lines are shown above (details.stderr with --json).',
});
export const PROTOCOL_ERROR = createError<[string, string]>('MCPCTL_CLIENT_PROTOCOL', 'Protocol error from %s: %s', {
  exitCode: PROTOCOL,
  hint: 'The server sent something mcpctl could not understand; run with --log-level debug to see the traffic.',
});
export const UNSUPPORTED_PROTOCOL = createError<[string, string]>('MCPCTL_CLIENT_UNSUPPORTED_PROTOCOL', 'Server %s speaks an unsupported protocol version: %s', {
  exitCode: PROTOCOL,
  hint: 'Upgrade the server (or mcpctl) so they share a protocol version.',
});
export const RPC_ERROR = createError<[string, number, string]>('MCPCTL_CLIENT_RPC_ERROR', '%s answered error %d: %s', { exitCode: PROTOCOL });
export const METHOD_NOT_FOUND = createError<[string, string]>('MCPCTL_CLIENT_METHOD_NOT_FOUND', 'Server %s does not support %s', {
  exitCode: PROTOCOL,
  hint: 'Run `mcpctl inspect <target>` to see what the server offers.',
});

// ---------------------------------------------------------------- usage (exit 2)
export const BAD_TARGET = createError<[string]>('MCPCTL_CLIENT_BAD_TARGET', '%s', {
  exitCode: USAGE,
  hint: 'Give a configured server name, an http(s):// URL, or --cmd \'<command line>\'.',
});
export const BAD_ARGUMENT = createError<[string]>('MCPCTL_CLIENT_BAD_ARGUMENT', '%s', {
  exitCode: USAGE,
  hint: 'Run `mcpctl tools <target>` to see the arguments each tool takes.',
});
export const UNKNOWN_TOOL = createError<[string, string, string]>('MCPCTL_CLIENT_UNKNOWN_TOOL', 'Server %s has no tool "%s"%s', {
  exitCode: USAGE,
  hint: 'Run `mcpctl tools <target>` for the list.',
});
export const UNKNOWN_PROMPT = createError<[string, string, string]>('MCPCTL_CLIENT_UNKNOWN_PROMPT', 'Server %s has no prompt "%s"%s', {
  exitCode: USAGE,
  hint: 'Run `mcpctl prompts <target>` for the list.',
});

// ---------------------------------------------------------------- failures (exit 1)
export const TOOL_ERROR = createError<[string]>('MCPCTL_CLIENT_TOOL_ERROR', 'Tool %s answered with an error', { exitCode: FAILURE });
