import { redactString } from '@mcpctl/kernel/config';
import { ToolError, isToolError } from '@mcpctl/toolkit';

/**
 * AWS SDK failures as ToolErrors a caller can act on: a stable code, what
 * was addressed, and a hint. Messages come from the store; they are passed
 * through redactString so a URL with a signature or password in it never
 * reaches a result or a log line, and credentials are never named.
 */

export const S3ErrorCode = Object.freeze({
  NOT_FOUND: 'NOT_FOUND',
  PRECONDITION_FAILED: 'PRECONDITION_FAILED',
  INVALID_RANGE: 'INVALID_RANGE',
  FORBIDDEN: 'S3_FORBIDDEN',
  CREDENTIALS: 'S3_CREDENTIALS',
  UNREACHABLE: 'S3_UNREACHABLE',
  THROTTLED: 'S3_THROTTLED',
  STORE_ERROR: 'S3_ERROR',
  TOO_LARGE: 'TOO_LARGE',
  CONFIRM_MISMATCH: 'CONFIRM_MISMATCH',
} as const);

interface SdkError {
  name?: string;
  Code?: string;
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
}

const CREDENTIAL_ERRORS = new Set(['InvalidAccessKeyId', 'SignatureDoesNotMatch', 'ExpiredToken', 'InvalidToken', 'TokenRefreshRequired', 'CredentialsProviderError', 'AuthorizationHeaderMalformed']);
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNRESET', 'EHOSTUNREACH', 'ETIMEDOUT', 'EPIPE']);

/** `where` names what was addressed ("s3://bucket/key"). Abort errors pass through untouched so the toolkit reports the cancel or timeout. */
export function toS3ToolError(error: unknown, where: string): unknown {
  if (isToolError(error)) return error;
  const e = (error ?? {}) as SdkError;
  if (e.name === 'AbortError') return error;
  const status = e.$metadata?.httpStatusCode;
  const name = e.Code ?? e.name ?? 'Error';
  const message = scrub(String(e.message ?? error));
  const details = { where, s3Code: name, ...(status === undefined ? {} : { status }) };
  if (name === 'NoSuchKey' || name === 'NotFound' || (status === 404 && name !== 'NoSuchBucket')) {
    return new ToolError(S3ErrorCode.NOT_FOUND, `No object at ${where}`, { hint: 'Check the key with list_objects or search_objects.', details });
  }
  if (name === 'NoSuchBucket') return new ToolError(S3ErrorCode.NOT_FOUND, `The bucket of ${where} does not exist in the store`, { hint: 'Check the bucket name in servers.<name>.buckets and the endpoint/region.', details });
  if (name === 'PreconditionFailed' || status === 412 || name === 'ConditionalRequestConflict' || status === 409 && name === 'ConditionalRequestConflict') {
    return new ToolError(S3ErrorCode.PRECONDITION_FAILED, `The condition on ${where} failed: the object exists or its ETag changed`, { hint: 'Read the object again (head_object) and retry with its current ETag.', details });
  }
  if (name === 'InvalidRange' || status === 416) return new ToolError(S3ErrorCode.INVALID_RANGE, `The byte range is outside ${where}`, { hint: 'Use head_object to see the size; ranges are 0-based and inclusive of start.', details });
  if (CREDENTIAL_ERRORS.has(name) || /credential/i.test(name)) {
    return new ToolError(S3ErrorCode.CREDENTIALS, `The store did not accept this server's credentials (${name})`, {
      hint: 'Check servers.<name>.credentials (or the AWS profile / environment the default chain uses), and the region.',
      details,
    });
  }
  if (name === 'AccessDenied' || status === 403) return new ToolError(S3ErrorCode.FORBIDDEN, `The store refused access to ${where} (${name})`, { hint: 'The credentials lack the permission (IAM or bucket policy); the allow-list of this server allowed the request.', details });
  if (name === 'SlowDown' || name === 'Throttling' || status === 503) return new ToolError(S3ErrorCode.THROTTLED, `The store is throttling requests (${name})`, { hint: 'Retry later, or raise maxAttempts.', details });
  const code = e.code ?? (error as { cause?: { code?: string } })?.cause?.code;
  if ((code && NETWORK_CODES.has(code)) || name === 'TimeoutError' || name === 'RequestTimeout') {
    return new ToolError(S3ErrorCode.UNREACHABLE, `Could not reach the store for ${where}: ${message}`, { hint: 'Check servers.<name>.endpoint (or region) and the network; requestTimeoutMs sets the time limit.', details });
  }
  return new ToolError(S3ErrorCode.STORE_ERROR, `The store failed on ${where}: ${name}${status ? ` (HTTP ${status})` : ''}: ${message}`, { details });
}

/** A store's message without credentials, passwords or URL signatures. */
export function scrub(text: string): string {
  return redactString(text).replace(/(X-Amz-(?:Signature|Credential|Security-Token)=)[^&\s"']+/gi, '$1[redacted]');
}
