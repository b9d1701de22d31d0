import { createHash } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { ExitCode, isMcpctlError, writeFileAtomic } from '@mcpctl/kernel';
import { CIRCUIT_OPEN } from './errors.js';
import { firstLine } from './text.js';

export interface BreakerSettings {
  /** Consecutive failed connections that open the circuit. Default 5. */
  threshold: number;
  /** How long it stays open the first time (doubles each time it re-opens, up to 10 minutes). Default 30s. */
  cooldownMs: number;
}

export const DEFAULT_BREAKER: BreakerSettings = Object.freeze({ threshold: 5, cooldownMs: 30_000 });
const MAX_COOLDOWN_MS = 10 * 60_000;

interface BreakerState {
  failures: number;
  /** Times it opened in a row (for the growing cool-down). */
  opens: number;
  openUntil?: number;
  lastError?: string;
}

/** Read `breaker: { threshold, cooldownMs }` (or `false`) from an entry; undefined means disabled. */
export function breakerSettingsFrom(value: unknown): BreakerSettings | undefined {
  if (value === false) return undefined;
  if (typeof value !== 'object' || value === null) return { ...DEFAULT_BREAKER };
  const v = value as Record<string, unknown>;
  return {
    threshold: typeof v.threshold === 'number' && v.threshold >= 1 ? Math.floor(v.threshold) : DEFAULT_BREAKER.threshold,
    cooldownMs: typeof v.cooldownMs === 'number' && v.cooldownMs >= 0 ? v.cooldownMs : DEFAULT_BREAKER.cooldownMs,
  };
}

/**
 * A per-server circuit breaker whose state lives in a small file under the
 * state directory, so it works across one-shot CLI runs (and concurrent
 * ones: one file per server, written atomically). Closed → open after
 * `threshold` consecutive connection failures → half-open when the
 * cool-down has passed (one attempt; success closes, failure re-opens).
 */
export class CircuitBreaker {
  private state: BreakerState = { failures: 0, opens: 0 };
  private readonly file: string;

  constructor(dir: string, private readonly key: string, private readonly label: string, private readonly settings: BreakerSettings, private readonly now: () => number = Date.now) {
    this.file = join(dir, `${createHash('sha256').update(key).digest('hex').slice(0, 24)}.json`);
  }

  /** Throws CIRCUIT_OPEN when the circuit is open; otherwise lets the attempt through. */
  async check(): Promise<void> {
    this.state = await this.load();
    const until = this.state.openUntil;
    if (until !== undefined && until > this.now()) {
      const seconds = Math.ceil((until - this.now()) / 1000);
      const attempts = `${this.state.failures} connection attempt${this.state.failures === 1 ? '' : 's'}`;
      throw CIRCUIT_OPEN(this.label, attempts, `${new Date(until).toISOString()} (in ${seconds}s)`, {
        details: { openUntil: new Date(until).toISOString(), failures: this.state.failures, ...(this.state.lastError ? { lastError: this.state.lastError } : {}) },
      });
    }
  }

  async succeeded(): Promise<void> {
    if (this.state.failures === 0 && this.state.opens === 0) return;
    this.state = { failures: 0, opens: 0 };
    await rm(this.file, { force: true });
  }

  /** Count a failure if it says the server is unreachable or failing (not a usage error, not a timeout of ours). */
  async failed(error: unknown): Promise<void> {
    if (!countsAsFailure(error)) return;
    const state = this.state;
    state.failures += 1;
    state.lastError = error instanceof Error ? firstLine(error.message) : String(error);
    const halfOpen = state.openUntil !== undefined;
    if (state.failures >= this.settings.threshold || halfOpen) {
      state.opens += 1;
      state.openUntil = this.now() + Math.min(MAX_COOLDOWN_MS, this.settings.cooldownMs * 2 ** (state.opens - 1));
    }
    await writeFileAtomic(this.file, JSON.stringify({ key: this.key, ...state }), { mode: 0o600 });
  }

  private async load(): Promise<BreakerState> {
    try {
      const parsed = JSON.parse(await readFile(this.file, 'utf8')) as Partial<BreakerState>;
      return {
        failures: typeof parsed.failures === 'number' ? parsed.failures : 0,
        opens: typeof parsed.opens === 'number' ? parsed.opens : 0,
        ...(typeof parsed.openUntil === 'number' ? { openUntil: parsed.openUntil } : {}),
        ...(typeof parsed.lastError === 'string' ? { lastError: parsed.lastError } : {}),
      };
    } catch {
      return { failures: 0, opens: 0 };
    }
  }
}

function countsAsFailure(error: unknown): boolean {
  if (!isMcpctlError(error)) return true;
  if (error.code === CIRCUIT_OPEN.code) return false;
  return error.exitCode === ExitCode.CONNECT || error.exitCode === ExitCode.TIMEOUT && error.code === 'MCPCTL_TIMEOUT' && /^Connecting/.test(error.message);
}
