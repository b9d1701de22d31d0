import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';

export interface SpawnSpec {
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Set when the supervisor ended it or it never started (spawn error, failed health, initialize timeout). */
  reason?: string;
  at: number;
}

/** A child process that leads its own process group. */
export interface GroupChild {
  readonly pid: number | undefined;
  readonly stdin: Writable;
  readonly stdout: Readable;
  readonly stderr: Readable;
  /** Resolves once the leader has exited and the rest of its group has been killed. */
  readonly exited: Promise<ExitInfo>;
  /** SIGTERM to the group, SIGKILL after `graceMs`; resolves when the leader has exited. */
  terminate(graceMs: number, reason?: string): Promise<ExitInfo>;
}

/**
 * Spawn `spec` as the leader of a new process group (setsid via `detached`),
 * so signals reach the server and everything it spawned, and a Ctrl-C in the
 * daemon's terminal does not. The daemon keeps a reference (no unref): the
 * child is reaped by Node when it exits, so no zombie stays behind.
 */
export function spawnGroup(spec: SpawnSpec): GroupChild {
  const child: ChildProcessByStdio<Writable, Readable, Readable> = spawn(spec.command, spec.args, {
    cwd: spec.cwd,
    env: spec.env,
    detached: true,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let reason: string | undefined;
  let exitedAlready = false;
  const exited = new Promise<ExitInfo>((resolve) => {
    child.once('error', (error) => {
      // Spawn failures (ENOENT, EACCES) emit 'error' and no 'exit'.
      if (child.pid === undefined) {
        exitedAlready = true;
        resolve({ code: null, signal: null, reason: `spawn failed: ${error.message}`, at: Date.now() });
      }
    });
    child.once('exit', (code, signal) => {
      exitedAlready = true;
      // Whatever the leader left behind in its group is an orphan now: end it.
      if (child.pid !== undefined) killGroup(child.pid, 'SIGKILL');
      resolve({ code, signal, ...(reason ? { reason } : {}), at: Date.now() });
    });
  });
  // Writes to a dead child's stdin must not crash the daemon.
  child.stdin.on('error', () => undefined);
  return {
    pid: child.pid,
    stdin: child.stdin,
    stdout: child.stdout,
    stderr: child.stderr,
    exited,
    async terminate(graceMs, why) {
      if (exitedAlready || child.pid === undefined) return exited;
      reason ??= why;
      killGroup(child.pid, 'SIGTERM');
      const timer = setTimeout(() => killGroup(child.pid!, 'SIGKILL'), graceMs);
      const info = await exited;
      clearTimeout(timer);
      return info;
    },
  };
}

/** Send `signal` to every process of group `pgid`; false when the group no longer exists. */
export function killGroup(pgid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false;
  }
}

/** True while any process of group `pgid` exists. */
export function groupExists(pgid: number): boolean {
  return killGroup(pgid, 0);
}
