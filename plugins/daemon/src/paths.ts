import { join } from 'node:path';
import { resolvePaths } from '@mcpctl/kernel/paths';

/** Where the daemon keeps its socket, lock, state and logs. */
export interface DaemonPaths {
  /** Socket + lock directory: `$XDG_RUNTIME_DIR/mcpctl`, else `~/.local/state/mcpctl` (mode 0700). */
  runtimeDir: string;
  socket: string;
  /** Lock file holding the daemon's pid (one daemon per user). */
  lock: string;
  /** Persistent directory for desired state and logs. */
  stateDir: string;
  stateFile: string;
  /** Per-server stderr logs. */
  logDir: string;
  /** The daemon's own log (stdout/stderr of a detached daemon). */
  daemonLog: string;
}

/** Longest path a Unix socket address can hold on Linux (sun_path is 108 bytes incl. NUL). */
export const MAX_SOCKET_PATH = 107;

/**
 * The daemon's paths, from the kernel's per-user directories (runtime and
 * state) and the environment only, so the CLI's fast path (the `session`
 * hook) and the daemon agree without loading anything.
 */
export function resolveDaemonPaths(env: NodeJS.ProcessEnv = process.env): DaemonPaths {
  const { runtime: runtimeDir, state } = resolvePaths(env);
  const stateDir = join(state, 'daemon');
  return {
    runtimeDir,
    socket: join(runtimeDir, 'daemon.sock'),
    lock: join(runtimeDir, 'daemon.pid'),
    stateDir,
    stateFile: join(stateDir, 'state.json'),
    logDir: join(stateDir, 'logs'),
    daemonLog: join(stateDir, 'daemon.log'),
  };
}

/** The stderr log of a supervised server (names are made file-safe). */
export function serverLogPath(logDir: string, server: string): string {
  return join(logDir, `${server.replace(/[^A-Za-z0-9._-]/g, '_')}.log`);
}
