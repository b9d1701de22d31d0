import type { ExitInfo } from '@mcpctl/toolkit/process';
import { backoffDelay } from './backoff.js';
import type { CrashBreaker } from './breaker.js';
import { formatDuration } from './duration.js';
import { describeExitInfo } from './instance.js';
import type { SuperviseOptions } from './options.js';

/** What a unit does after its server ended on its own (not stopped on purpose). */
export type AfterExit =
  | { next: 'stopped' }
  | { next: 'exited' }
  | { next: 'failed'; reason: string }
  | { next: 'restart'; attempt: number; delayMs: number };

export interface ExitFacts {
  info: ExitInfo;
  wanted: boolean;
  options: SuperviseOptions;
  breaker: CrashBreaker;
  /** Restarts so far in the current backoff sequence. */
  attempt: number;
  /** When the run that ended became ready (undefined: it never did). */
  readyAt: number | undefined;
  now: number;
  random?: (() => number) | undefined;
}

/**
 * The restart policy: not wanted → stopped; `never`, or `on-failure` after a
 * clean exit → exited; too many crashes within the breaker's window →
 * failed; otherwise restart after the backoff delay (the sequence starts
 * over once a run stayed up for `backoff.resetAfterMs`). Records the crash
 * in the breaker.
 */
export function afterExit(facts: ExitFacts): AfterExit {
  const { info, options, now } = facts;
  if (!facts.wanted) return { next: 'stopped' };
  const crashed = info.reason !== undefined || info.code !== 0 || info.signal !== null;
  if (options.restart === 'never' || (options.restart === 'on-failure' && !crashed)) return { next: 'exited' };
  if (facts.breaker.record(now)) {
    return { next: 'failed', reason: `crashed ${options.breaker.maxCrashes} times within ${formatDuration(options.breaker.windowMs)}; last exit: ${describeExitInfo(info)}` };
  }
  const attempt = (facts.readyAt !== undefined && now - facts.readyAt >= options.backoff.resetAfterMs ? 0 : facts.attempt) + 1;
  return { next: 'restart', attempt, delayMs: backoffDelay(attempt, options.backoff, facts.random) };
}
