/**
 * @mcpctl/toolkit/backoff — exponential backoff with jitter, for restarts
 * and retries.
 */
export interface BackoffPolicy {
  /** The first delay's ceiling in ms. */
  initialMs: number;
  /** Growth per attempt. Default 2. */
  factor?: number;
  /** No delay is longer than this. */
  maxMs: number;
  /**
   * The delay is the ceiling times a random factor in [low, high]: `{ low: 0.8,
   * high: 1.2 }` spreads ±20% around it, `{ low: 0.5, high: 1 }` is "equal
   * jitter" below it. Default { low: 1, high: 1 } (no jitter).
   */
  jitter?: { low: number; high: number };
}

/** The delay before attempt `attempt` (1-based) without jitter: initialMs × factor^(attempt−1), capped at maxMs. */
export function backoffCeiling(attempt: number, policy: BackoffPolicy): number {
  return Math.min(policy.maxMs, policy.initialMs * (policy.factor ?? 2) ** Math.max(0, attempt - 1));
}

/** The longest delay attempt `attempt` can get, jitter included. */
export function backoffBound(attempt: number, policy: BackoffPolicy): number {
  return Math.min(policy.maxMs, backoffCeiling(attempt, policy) * (policy.jitter?.high ?? 1));
}

/**
 * The delay before attempt `attempt` (1-based), rounded to whole ms and
 * within [0, maxMs]: jitter keeps clients (or servers) that failed together
 * from all trying again in the same instant. `random` is injectable for tests.
 */
export function backoffDelay(attempt: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const { low, high } = policy.jitter ?? { low: 1, high: 1 };
  const delay = backoffCeiling(attempt, policy) * (low + (high - low) * random());
  return Math.max(0, Math.min(policy.maxMs, Math.round(delay)));
}
