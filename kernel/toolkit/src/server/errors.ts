import { isMcpctlError } from '@mcpctl/kernel/errors';
import type { AccessTier } from './access.js';

/**
 * A failure a tool reports to its caller as a tool result with `isError`
 * (so a model can read it and correct itself), with a stable code and a hint.
 */
export class ToolError extends Error {
  readonly code: string;
  readonly hint: string | undefined;
  /** Machine-readable details (never secrets). */
  readonly details: Record<string, unknown> | undefined;

  constructor(code: string, message: string, options: { hint?: string; details?: Record<string, unknown>; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ToolError';
    this.code = code;
    this.hint = options.hint;
    this.details = options.details;
  }
}

export function isToolError(value: unknown): value is ToolError {
  return value instanceof ToolError;
}

/** Error codes the toolkit itself produces. Plugins may reuse them. */
export const ToolErrorCode = Object.freeze({
  ACCESS_DENIED: 'ACCESS_DENIED',
  INVALID_ARGUMENTS: 'INVALID_ARGUMENTS',
  INVALID_CURSOR: 'INVALID_CURSOR',
  NOT_FOUND: 'NOT_FOUND',
  ROOTS_UNAVAILABLE: 'ROOTS_UNAVAILABLE',
  TIMEOUT: 'TIMEOUT',
  CANCELLED: 'CANCELLED',
  RESULT_TOO_LARGE: 'RESULT_TOO_LARGE',
  INVALID_OUTPUT: 'INVALID_OUTPUT',
  INTERNAL: 'INTERNAL',
} as const);

/**
 * The error for an operation above the entry's tier. The message names the
 * operation (`what`, e.g. the tool; default the tier) and the setting to change:
 * "write needs access: write on server files (currently read)".
 */
export function accessDenied(needs: AccessTier, granted: AccessTier, serverName: string, what?: string): ToolError {
  return new ToolError(ToolErrorCode.ACCESS_DENIED, `${what ?? needs} needs access: ${needs} on server ${serverName} (currently ${granted})`, {
    hint: `Set \`access: ${needs}\` on servers.${serverName} in the mcpctl config if this server should allow it.`,
    details: { needs, granted, server: serverName },
  });
}

/** Any thrown value as a ToolError (McpctlErrors keep their code and hint). */
export function toToolError(error: unknown): ToolError {
  if (error instanceof ToolError) return error;
  if (isMcpctlError(error)) return new ToolError(error.code, error.message, { hint: error.hint, details: error.details, cause: error });
  const message = error instanceof Error ? error.message : String(error);
  return new ToolError(ToolErrorCode.INTERNAL, message, { cause: error });
}
