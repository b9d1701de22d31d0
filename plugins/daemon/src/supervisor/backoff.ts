import type { BackoffOptions } from './options.js';

/** Upper bound of the delay before restart number `attempt` (1-based), jitter included. */
export function backoffBound(attempt: number, options: BackoffOptions): number {
  const base = Math.min(options.maxMs, options.initialMs * options.factor ** Math.max(0, attempt - 1));
  return Math.min(options.maxMs, base * (1 + options.jitter));
}

/**
 * Delay before restart number `attempt` (1-based): exponential growth capped
 * at `maxMs`, spread by ±jitter so servers that crashed together do not all
 * restart in the same instant.
 */
export function backoffDelay(attempt: number, options: BackoffOptions, random: () => number = Math.random): number {
  const base = Math.min(options.maxMs, options.initialMs * options.factor ** Math.max(0, attempt - 1));
  const spread = base * options.jitter * (2 * random() - 1);
  return Math.max(0, Math.min(options.maxMs, Math.round(base + spread)));
}
