import type { Logger, McpTransport, ServerEntry } from '@mcpctl/kernel';
import type { LifecycleSink, SupervisorObserver } from './observer.js';
import type { RotatingLogOptions } from './rotating-log.js';
import type { SessionInfo } from './warm-session.js';

/**
 * stopped: not wanted · idle: wanted, waiting for a first call (lazy) or stopped for idleness ·
 * starting · running · stopping · backoff: crashed, restart scheduled ·
 * exited: ended and its policy says stay down · failed: crash-loop breaker open, or not runnable.
 */
export type UnitState = 'stopped' | 'idle' | 'starting' | 'running' | 'stopping' | 'backoff' | 'exited' | 'failed';

export type HealthState = 'unknown' | 'ok' | 'failing';

/** What a unit needs from the supervisor around it. */
export interface UnitHost {
  logDir: string;
  logOptions: RotatingLogOptions;
  clientVersion: string;
  /** Build a client transport for servers the daemon connects to but does not run. */
  connect?(name: string, entry: ServerEntry, timeoutMs: number): Promise<McpTransport>;
  lifecycle: LifecycleSink;
  observer: SupervisorObserver;
  /** The unit's desired state or child changed: persist. */
  changed(unit: { readonly name: string }): void;
  logger: Logger;
  random?: () => number;
}

/** One row of `servers list` / `servers status`. */
export interface UnitSnapshot {
  name: string;
  type: string;
  mode: 'spawn' | 'connect' | 'invalid';
  state: UnitState;
  wanted: boolean;
  enabled: boolean;
  start: 'eager' | 'lazy';
  restartPolicy: string;
  pid?: number;
  startedAt?: string;
  uptimeMs?: number;
  restarts: number;
  lastExit?: { code: number | null; signal: string | null; reason?: string; at: string };
  health: HealthState;
  lastHealth?: { at: string; ms?: number; error?: string };
  nextRestartAt?: string;
  /** The backoff delay chosen before the latest restart. */
  lastBackoffMs?: number;
  failure?: { reason: string; lastLines: string[]; at: string };
  log?: string;
  calls: number;
  inFlight: number;
  session?: SessionInfo;
}
