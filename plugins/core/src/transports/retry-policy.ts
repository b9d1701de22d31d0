import { backoffDelay as exponentialBackoff } from '@mcpctl/toolkit/backoff';

/**
 * When and how long to wait before repeating a request that failed on the
 * way (connection error, 5xx, 429): exponential backoff with full jitter,
 * capped, and overridden by the server's Retry-After.
 */
export interface RetryPolicy {
  /** Total attempts, the first included. Default 3. */
  tries: number;
  /** Backoff base in ms. Default 200. */
  baseMs: number;
  /** Longest wait in ms. Default 5000. */
  maxMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = Object.freeze({ tries: 3, baseMs: 200, maxMs: 5000 });

/** JSON-RPC methods that are safe to send twice. `tools/call` is not (unless the caller says so). */
const SAFE_METHODS = new Set([
  'initialize', 'ping', 'tools/list', 'resources/list', 'resources/templates/list', 'resources/read',
  'prompts/list', 'prompts/get', 'completion/complete', 'logging/setLevel',
]);

export function isSafeMethod(method: string): boolean {
  return SAFE_METHODS.has(method);
}

/** Read a `retry: { tries, baseMs, maxMs }` block (or a bare number of tries) from an entry. */
export function retryPolicyFrom(value: unknown): RetryPolicy {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 1) return { ...DEFAULT_RETRY, tries: value };
  if (typeof value !== 'object' || value === null) return { ...DEFAULT_RETRY };
  const v = value as Record<string, unknown>;
  const num = (x: unknown, fallback: number, min: number) => (typeof x === 'number' && Number.isFinite(x) && x >= min ? x : fallback);
  return {
    tries: Math.floor(num(v.tries, DEFAULT_RETRY.tries, 1)),
    baseMs: num(v.baseMs, DEFAULT_RETRY.baseMs, 0),
    maxMs: num(v.maxMs, DEFAULT_RETRY.maxMs, 0),
  };
}

/** Delay before attempt `attempt + 1` (attempt counts from 1). `random` is injectable for tests. */
export function backoffDelay(policy: RetryPolicy, attempt: number, retryAfterMs?: number, random: () => number = Math.random): number {
  // The server knows best when it can take the request again; the caller's --timeout still bounds the wait.
  if (retryAfterMs !== undefined) return Math.max(0, retryAfterMs);
  // "Equal jitter": between half the exponential ceiling and all of it.
  return exponentialBackoff(attempt, { initialMs: policy.baseMs, factor: 2, maxMs: policy.maxMs, jitter: { low: 0.5, high: 1 } }, random);
}

/** Parse a Retry-After header (seconds, or an HTTP date) into ms from `now`. */
export function parseRetryAfter(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Whether an HTTP status is worth retrying. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status === 502 || status === 503 || status === 504 || status === 500;
}
