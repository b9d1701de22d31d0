import { ToolError } from '@mcpctl/toolkit/base';

/**
 * Failures of a k8s tool call, reported as results with `isError`: a
 * request the filter refused, the API server's own answer (NotFound,
 * Forbidden, Conflict, Invalid…), an unreachable server. Messages pass
 * through the redactor first: no credential is ever in one.
 */

export const K8sErrorCode = Object.freeze({
  /** The request filter refused a request before it left the process. */
  REFUSED: 'K8S_REQUEST_REFUSED',
  NOT_FOUND: 'K8S_NOT_FOUND',
  FORBIDDEN: 'K8S_FORBIDDEN',
  UNAUTHORIZED: 'K8S_UNAUTHORIZED',
  CONFLICT: 'K8S_CONFLICT',
  INVALID: 'K8S_INVALID',
  API_ERROR: 'K8S_API_ERROR',
  CONNECTION: 'K8S_CONNECTION',
  UNKNOWN_KIND: 'K8S_UNKNOWN_KIND',
  UNKNOWN_CONTEXT: 'K8S_UNKNOWN_CONTEXT',
  BAD_MANIFEST: 'K8S_BAD_MANIFEST',
  CONFIRM_MISMATCH: 'K8S_CONFIRM_MISMATCH',
  METRICS_UNAVAILABLE: 'K8S_METRICS_UNAVAILABLE',
  NOT_SUPPORTED: 'K8S_NOT_SUPPORTED',
  TOO_LARGE: 'K8S_OBJECT_TOO_LARGE',
  EXEC_FAILED: 'K8S_EXEC_FAILED',
} as const);

export function refused(message: string, hint: string, details: Record<string, unknown>): ToolError {
  return new ToolError(K8sErrorCode.REFUSED, message, { hint, details });
}
