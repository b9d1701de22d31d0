import { backoffBound as boundOf, backoffDelay as delayOf, type BackoffPolicy } from '@mcpctl/toolkit/backoff';
import type { BackoffOptions } from './options.js';

/** `supervise.backoff` as the shared library's policy: ±jitter around the exponential delay. */
function policyOf(options: BackoffOptions): BackoffPolicy {
  return { initialMs: options.initialMs, factor: options.factor, maxMs: options.maxMs, jitter: { low: 1 - options.jitter, high: 1 + options.jitter } };
}

/** Upper bound of the delay before restart number `attempt` (1-based), jitter included. */
export function backoffBound(attempt: number, options: BackoffOptions): number {
  return boundOf(attempt, policyOf(options));
}

/**
 * Delay before restart number `attempt` (1-based): exponential growth capped
 * at `maxMs`, spread by ±jitter so servers that crashed together do not all
 * restart in the same instant.
 */
export function backoffDelay(attempt: number, options: BackoffOptions, random: () => number = Math.random): number {
  return delayOf(attempt, policyOf(options), random);
}
