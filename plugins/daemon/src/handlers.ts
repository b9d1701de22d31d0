import { DAEMON_METHOD_NOT_FORWARDED } from './errors.js';
import { PROGRESS_NOTIFICATION, RpcErrorCode } from './rpc/protocol.js';
import { RpcError, type RpcHandler } from './rpc/server.js';
import { forwardWarm, openWarm } from './warm-sessions.js';
import { tailLog } from './supervisor/rotating-log.js';
import type { ReloadResult, Supervisor } from './supervisor/supervisor.js';
import type { ServerUnit, UnitSnapshot } from './supervisor/server-unit.js';

/** What the socket methods need from the running daemon. */
export interface DaemonControl {
  supervisor: Supervisor;
  status(): Record<string, unknown>;
  reload(configPath?: string): Promise<ReloadResult>;
  stop(): void;
}

/** Outcome of a control method applied to one server of several (`--all`). */
export interface BulkOutcome {
  name: string;
  ok: boolean;
  error?: { code?: string; message: string };
  server?: UnitSnapshot;
}

/** The socket API (see docs/daemon.md#socket-api). */
export function createHandlers(control: DaemonControl): Record<string, RpcHandler> {
  const { supervisor } = control;
  const unitOf = (params: Record<string, unknown>): ServerUnit => supervisor.get(requireString(params, 'name'));
  const bulk = (action: (unit: ServerUnit) => Promise<void>): RpcHandler => async (params) => {
    const names = params.all === true ? supervisor.names() : [requireString(params, 'name')];
    const units = names.map((name) => supervisor.get(name));
    const outcomes = await Promise.all(
      units.map(async (unit): Promise<BulkOutcome> => {
        try {
          await action(unit);
          return { name: unit.name, ok: true, server: unit.snapshot() };
        } catch (error) {
          const coded = error as { code?: unknown; message?: unknown };
          return {
            name: unit.name,
            ok: false,
            error: { ...(typeof coded.code === 'string' ? { code: coded.code } : {}), message: String(coded.message ?? error) },
            server: unit.snapshot(),
          };
        }
      }),
    );
    // Answer only once the new desired state is on disk: a crash right after still restores it.
    await supervisor.flush();
    return { results: outcomes };
  };

  return {
    'daemon.status': async () => control.status(),
    'daemon.stop': async () => {
      setImmediate(() => control.stop());
      return { stopping: true, pid: process.pid };
    },
    'daemon.reload': async (params) => control.reload(typeof params.configPath === 'string' ? params.configPath : undefined),

    'servers.list': async () => ({ servers: supervisor.list() }),
    'servers.status': async (params) => unitOf(params).snapshot(),
    'servers.start': bulk((unit) => unit.start()),
    'servers.stop': bulk((unit) => unit.stop()),
    'servers.restart': bulk((unit) => unit.restart()),
    'servers.enable': async (params) => setEnabled(unitOf(params), true, supervisor),
    'servers.disable': async (params) => setEnabled(unitOf(params), false, supervisor),
    'servers.logs': async (params) => {
      const unit = unitOf(params);
      const lines = typeof params.lines === 'number' && params.lines > 0 ? Math.floor(params.lines) : 100;
      if (!unit.log) return { name: unit.name, path: null, lines: [] };
      return { name: unit.name, path: unit.log.path, lines: tailLog(unit.log.path, lines, supervisor.logSettings.files) };
    },

    'session.open': async (params, context) =>
      openWarm(unitOf(params), typeof params.fingerprint === 'string' ? params.fingerprint : undefined, context.signal),
    'mcp.request': async (params, context) => {
      const unit = unitOf(params);
      const method = requireString(params, 'method');
      const mcpParams = params.params;
      if (mcpParams !== undefined && (typeof mcpParams !== 'object' || mcpParams === null || Array.isArray(mcpParams))) {
        throw new RpcError(RpcErrorCode.INVALID_PARAMS, '"params" must be an object');
      }
      const withProgress = params.progress === true;
      let result: unknown;
      try {
        result = await forwardWarm(unit, method, mcpParams as Record<string, unknown> | undefined, {
          signal: context.signal,
          ...(typeof params.timeoutMs === 'number' ? { timeoutMs: params.timeoutMs } : {}),
          ...(withProgress ? { onProgress: (progress) => context.notify(PROGRESS_NOTIFICATION, { id: context.id, ...progress }) } : {}),
        });
      } catch (error) {
        if (DAEMON_METHOD_NOT_FORWARDED.is(error)) throw new RpcError(RpcErrorCode.INVALID_PARAMS, error.message);
        throw error;
      }
      // The SDK settles a response synchronously but delivers notifications a microtask later:
      // let every progress notification of this request go out before its answer.
      if (withProgress) await new Promise((resolve) => setImmediate(resolve));
      return result;
    },
    health: async (params, context) => {
      const unit = unitOf(params);
      const timeoutMs = typeof params.timeoutMs === 'number' ? params.timeoutMs : unit.options.health.timeoutMs;
      const { ms } = await unit.ping(timeoutMs, context.signal);
      const snapshot = unit.snapshot();
      return { name: unit.name, ok: true, ms, state: snapshot.state, health: snapshot.health, restarts: snapshot.restarts };
    },
  };
}

async function setEnabled(unit: ServerUnit, enabled: boolean, supervisor: Supervisor): Promise<UnitSnapshot> {
  // Only the flag changes; whether it runs now is `servers start|stop`.
  unit.setEnabled(enabled);
  await supervisor.flush();
  return unit.snapshot();
}

function requireString(params: Record<string, unknown>, key: string): string {
  const value = params[key];
  if (typeof value !== 'string' || value === '') throw new RpcError(RpcErrorCode.INVALID_PARAMS, `"${key}" must be a non-empty string`);
  return value;
}
