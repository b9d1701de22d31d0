import type { ServerEntry } from './config.js';

export type HealthStatus = 'ok' | 'warn' | 'fail';

export interface HealthCheckResult {
  /** Check name, e.g. "ping" or "db.connection". */
  check: string;
  status: HealthStatus;
  message?: string;
  /** Milliseconds the check took. */
  durationMs?: number;
  /** The plugin that contributed the check. */
  plugin?: string;
  details?: Record<string, unknown>;
}

/** What a health tap is asked to check. */
export interface HealthSubject {
  /** Configured server name, or the target as given. */
  name: string;
  entry?: ServerEntry;
  /**
   * A connected client session, when the caller has one: send a request and
   * get its result. Lets a plugin run a protocol-level check.
   */
  request?: (method: string, params?: Record<string, unknown>) => Promise<unknown>;
}

/** Taps call this once per check they run. */
export type HealthReporter = (result: Omit<HealthCheckResult, 'plugin'>) => void;
