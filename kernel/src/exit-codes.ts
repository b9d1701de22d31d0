/** Process exit codes, documented in the README. Stable: scripts depend on them. */
export const ExitCode = Object.freeze({
  OK: 0,
  /** A check failed, a tool answered isError, or an operation failed. */
  FAILURE: 1,
  /** Bad usage or bad config. */
  USAGE: 2,
  /** Cannot connect: spawn failed, refused, DNS, TLS, 401/403. */
  CONNECT: 3,
  /** Protocol error: bad JSON-RPC, unsupported version, server died mid-call. */
  PROTOCOL: 4,
  TIMEOUT: 124,
  INTERRUPTED: 130,
} as const);

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];
