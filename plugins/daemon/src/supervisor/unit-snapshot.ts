import type { ServerEntry } from '@mcpctl/kernel';
import type { ExitInfo } from '@mcpctl/toolkit/process';
import type { LaunchPlan } from './launch-plan.js';
import type { SuperviseOptions } from './options.js';
import type { HealthState, UnitSnapshot, UnitState } from './unit-types.js';
import type { SessionInfo } from './warm-session.js';

/** A unit's state as plain values (times in epoch ms), to be turned into a snapshot. */
export interface UnitStatus {
  name: string;
  entry: ServerEntry;
  plan: LaunchPlan;
  options: SuperviseOptions;
  state: UnitState;
  wanted: boolean;
  enabled: boolean;
  pid: number | undefined;
  startedAt: number | undefined;
  restarts: number;
  lastExit: ExitInfo | undefined;
  health: HealthState;
  lastHealth: { at: number; ms?: number; error?: string } | undefined;
  nextRestartAt: number | undefined;
  lastBackoffMs: number | undefined;
  failure: { reason: string; lastLines: string[]; at: number } | undefined;
  logPath: string | undefined;
  calls: number;
  inFlight: number;
  session: SessionInfo | undefined;
}

const iso = (ms: number): string => new Date(ms).toISOString();

/** One row of `servers list` / `servers status`: only what is known, times as ISO strings. */
export function toSnapshot(status: UnitStatus, now = Date.now()): UnitSnapshot {
  const { lastExit, lastHealth, failure } = status;
  return {
    name: status.name,
    type: status.entry.type,
    mode: status.plan.kind,
    state: status.state,
    wanted: status.wanted,
    enabled: status.enabled,
    start: status.options.start,
    restartPolicy: status.options.restart,
    ...(status.pid !== undefined ? { pid: status.pid } : {}),
    ...(status.startedAt !== undefined && (status.state === 'running' || status.state === 'starting')
      ? { startedAt: iso(status.startedAt), uptimeMs: now - status.startedAt }
      : {}),
    restarts: status.restarts,
    ...(lastExit ? { lastExit: { code: lastExit.code, signal: lastExit.signal, ...(lastExit.reason ? { reason: lastExit.reason } : {}), at: iso(lastExit.at) } } : {}),
    health: status.health,
    ...(lastHealth
      ? {
          lastHealth: {
            at: iso(lastHealth.at),
            ...(lastHealth.ms !== undefined ? { ms: lastHealth.ms } : {}),
            ...(lastHealth.error ? { error: lastHealth.error } : {}),
          },
        }
      : {}),
    ...(status.state === 'backoff' && status.nextRestartAt ? { nextRestartAt: iso(status.nextRestartAt) } : {}),
    ...(status.lastBackoffMs !== undefined ? { lastBackoffMs: status.lastBackoffMs } : {}),
    ...(failure ? { failure: { reason: failure.reason, lastLines: failure.lastLines, at: iso(failure.at) } } : {}),
    ...(status.logPath ? { log: status.logPath } : {}),
    calls: status.calls,
    inFlight: status.inFlight,
    ...(status.session ? { session: status.session } : {}),
  };
}
