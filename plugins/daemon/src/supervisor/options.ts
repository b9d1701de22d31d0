import type { ServerEntry } from '@mcpctl/kernel';
import { SUPERVISE_INVALID } from '../errors.js';
import { parseDuration } from './duration.js';

export type RestartPolicy = 'always' | 'on-failure' | 'never';

export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
  factor: number;
  /** Fraction of the delay that is randomised, 0..1. */
  jitter: number;
  /** Running this long without a crash resets the crash count. */
  resetAfterMs: number;
}

export interface BreakerOptions {
  maxCrashes: number;
  windowMs: number;
}

export interface HealthOptions {
  /** 0 turns health pings off. */
  intervalMs: number;
  timeoutMs: number;
  failures: number;
}

/** A server's supervision options, after merging the entry's `supervise:` over the plugin settings and defaults. */
export interface SuperviseOptions {
  enabled: boolean;
  start: 'eager' | 'lazy';
  /** 0: never stop an idle server. */
  idleTimeoutMs: number;
  restart: RestartPolicy;
  stopTimeoutMs: number;
  startTimeoutMs: number;
  backoff: BackoffOptions;
  breaker: BreakerOptions;
  health: HealthOptions;
}

/** `pluginConfig["@mcpctl/plugin-daemon"]`, see schema.json#/$defs/settings. */
export interface DaemonSettings {
  metrics?: { host?: string; port: number; path?: string };
  logs?: { maxBytes?: number; files?: number };
  restart?: RestartPolicy;
  stopTimeout?: number | string;
  startTimeout?: number | string;
  backoff?: Record<string, unknown>;
  breaker?: Record<string, unknown>;
  health?: Record<string, unknown>;
}

export const DEFAULT_SUPERVISE: SuperviseOptions = Object.freeze({
  enabled: true,
  start: 'eager',
  idleTimeoutMs: 0,
  restart: 'on-failure',
  stopTimeoutMs: 5000,
  startTimeoutMs: 30_000,
  backoff: Object.freeze({ initialMs: 200, maxMs: 30_000, factor: 2, jitter: 0.2, resetAfterMs: 30_000 }),
  breaker: Object.freeze({ maxCrashes: 5, windowMs: 60_000 }),
  health: Object.freeze({ intervalMs: 30_000, timeoutMs: 5000, failures: 2 }),
}) as SuperviseOptions;

const RESTART_POLICIES: readonly string[] = ['always', 'on-failure', 'never'];

/**
 * Resolve a server's supervision options: the entry's `supervise:` wins over
 * the daemon settings, which win over the defaults. Throws a coded error
 * naming the server and the option when a value is malformed.
 */
export function resolveSupervise(name: string, entry: ServerEntry, settings: DaemonSettings = {}): SuperviseOptions {
  const own = entry.supervise ?? {};
  if (typeof own !== 'object' || own === null || Array.isArray(own)) throw SUPERVISE_INVALID(name, '`supervise` must be an object');
  const local = own as Record<string, unknown>;
  const fail = (message: string): never => {
    throw SUPERVISE_INVALID(name, message);
  };
  const pick = <T>(key: string, read: (value: unknown, where: string) => T | undefined, fallback: T): T => {
    for (const [source, where] of [[local, `supervise.${key}`], [settings as Record<string, unknown>, `pluginConfig["@mcpctl/plugin-daemon"].${key}`]] as const) {
      const value = source[key];
      if (value === undefined) continue;
      const parsed = read(value, where);
      if (parsed === undefined) fail(`${where}: ${JSON.stringify(value)} is not valid`);
      return parsed as T;
    }
    return fallback;
  };
  const duration = (value: unknown): number | undefined => parseDuration(value);
  const nested = <T extends object>(key: string, defaults: T, fields: Record<keyof T & string, (value: unknown) => number | undefined>): T => {
    const result: Record<string, number> = { ...(defaults as Record<string, number>) };
    // Settings first, then the entry's own values over them.
    for (const [source, where] of [[settings as Record<string, unknown>, `pluginConfig["@mcpctl/plugin-daemon"].${key}`], [local, `supervise.${key}`]] as const) {
      const block = source[key];
      if (block === undefined) continue;
      if (typeof block !== 'object' || block === null || Array.isArray(block)) fail(`${where} must be an object`);
      for (const [field, value] of Object.entries(block as Record<string, unknown>)) {
        const read = fields[field as keyof T & string];
        if (!read) fail(`${where}.${field} is not a known option (known: ${Object.keys(fields).join(', ')})`);
        const parsed = read!(value);
        if (parsed === undefined) fail(`${where}.${field}: ${JSON.stringify(value)} is not valid`);
        result[field] = parsed!;
      }
    }
    return result as T;
  };
  const known = ['enabled', 'start', 'idleTimeout', 'restart', 'stopTimeout', 'startTimeout', 'backoff', 'breaker', 'health'];
  for (const key of Object.keys(local)) if (!known.includes(key)) fail(`supervise.${key} is not a known option (known: ${known.join(', ')})`);

  const positiveInt = (value: unknown): number | undefined => (typeof value === 'number' && Number.isInteger(value) && value >= 1 ? value : undefined);
  const factor = (value: unknown): number | undefined => (typeof value === 'number' && value >= 1 ? value : undefined);
  const fraction = (value: unknown): number | undefined => (typeof value === 'number' && value >= 0 && value <= 1 ? value : undefined);

  const backoff = renameKeys(
    nested('backoff', { initial: DEFAULT_SUPERVISE.backoff.initialMs, max: DEFAULT_SUPERVISE.backoff.maxMs, factor: DEFAULT_SUPERVISE.backoff.factor, jitter: DEFAULT_SUPERVISE.backoff.jitter, resetAfter: DEFAULT_SUPERVISE.backoff.resetAfterMs }, { initial: duration, max: duration, factor, jitter: fraction, resetAfter: duration }),
  );
  const breaker = nested('breaker', { maxCrashes: DEFAULT_SUPERVISE.breaker.maxCrashes, window: DEFAULT_SUPERVISE.breaker.windowMs }, { maxCrashes: positiveInt, window: duration });
  const health = nested('health', { interval: DEFAULT_SUPERVISE.health.intervalMs, timeout: DEFAULT_SUPERVISE.health.timeoutMs, failures: DEFAULT_SUPERVISE.health.failures }, { interval: duration, timeout: duration, failures: positiveInt });
  if (backoff.maxMs < backoff.initialMs) fail('backoff.max must not be smaller than backoff.initial');

  return {
    enabled: pick('enabled', (value) => (typeof value === 'boolean' ? value : undefined), DEFAULT_SUPERVISE.enabled),
    start: pick('start', (value) => (value === 'eager' || value === 'lazy' ? value : undefined), DEFAULT_SUPERVISE.start),
    idleTimeoutMs: pick('idleTimeout', duration, DEFAULT_SUPERVISE.idleTimeoutMs),
    restart: pick('restart', (value) => (typeof value === 'string' && RESTART_POLICIES.includes(value) ? (value as RestartPolicy) : undefined), DEFAULT_SUPERVISE.restart),
    stopTimeoutMs: pick('stopTimeout', duration, DEFAULT_SUPERVISE.stopTimeoutMs),
    startTimeoutMs: pick('startTimeout', duration, DEFAULT_SUPERVISE.startTimeoutMs),
    backoff,
    breaker: { maxCrashes: breaker.maxCrashes, windowMs: breaker.window },
    health: { intervalMs: health.interval, timeoutMs: health.timeout, failures: health.failures },
  };
}

function renameKeys(raw: { initial: number; max: number; factor: number; jitter: number; resetAfter: number }): BackoffOptions {
  return { initialMs: raw.initial, maxMs: raw.max, factor: raw.factor, jitter: raw.jitter, resetAfterMs: raw.resetAfter };
}
