import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { killGroup, signalGroup } from './signal-group.js';
import { killWithThisProcess } from './kill-on-exit.js';

/** What to run. `env` is the child's whole environment (merge it yourself). */
export interface SpawnSpec {
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  cwd?: string;
}

/** How a child ended. */
export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Set when it was ended on purpose (the reason given to `terminate`) or never started (`spawn failed: …`). */
  reason?: string;
  at: number;
}

export interface SpawnGroupOptions {
  /**
   * The signal for what is left of the child's group once the leader has
   * exited (grandchildren that may hold its pipes open). Default SIGKILL.
   */
  orphanSignal?: NodeJS.Signals;
  /** Kill the group when this process exits for any reason (a normal exit, process.exit, an uncaught error). Default false. */
  killWithParent?: boolean;
}

/** A child process that leads its own process group. */
export interface GroupChild {
  /** The child itself, for listeners a caller needs beyond these (undefined pid: it never started). */
  readonly process: ChildProcessByStdio<Writable, Readable, Readable>;
  readonly pid: number | undefined;
  readonly stdin: Writable;
  readonly stdout: Readable;
  readonly stderr: Readable;
  /** Resolves once the process is running; rejects with the spawn error (ENOENT, EACCES…). */
  readonly spawned: Promise<void>;
  /** Resolves once the leader has exited (or failed to start); never rejects. */
  readonly exited: Promise<ExitInfo>;
  /** Resolves once the leader has exited and its stdio streams have closed; never rejects. */
  readonly closed: Promise<ExitInfo>;
  /** Whether the leader has exited (or never started). */
  readonly hasExited: boolean;
  /** Send a signal to the whole group (to the child alone on Windows). Never throws. */
  signal(signal: NodeJS.Signals): void;
  /** Resolves true when the leader exits within `ms`, false otherwise. */
  waitExit(ms: number): Promise<boolean>;
  /** SIGTERM to the group, SIGKILL after `graceMs`; resolves when the leader has exited. */
  terminate(graceMs: number, reason?: string): Promise<ExitInfo>;
}

/**
 * Spawn `spec` as the leader of a new process group (setsid through
 * `detached`), so a signal reaches the server and everything it started,
 * and a Ctrl-C in this process's terminal does not. The child stays
 * referenced: Node reaps it when it exits, so no zombie stays behind.
 * Writes to a dead child's stdin never crash this process.
 */
export function spawnGroup(spec: SpawnSpec, options: SpawnGroupOptions = {}): GroupChild {
  const windows = process.platform === 'win32';
  const child = spawn(spec.command, spec.args, {
    ...(spec.cwd !== undefined ? { cwd: spec.cwd } : {}),
    env: spec.env,
    detached: !windows,
    windowsHide: true,
    shell: false,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let reason: string | undefined;
  let hasExited = false;
  let spawnError: Error | undefined;
  const spawned = new Promise<void>((resolve, reject) => {
    child.once('spawn', () => resolve());
    child.once('error', (error) => {
      // Spawn failures (ENOENT, EACCES) emit 'error' and no 'exit'.
      if (child.pid === undefined) reject(error);
    });
  });
  spawned.catch(() => undefined);
  const exited = new Promise<ExitInfo>((resolve) => {
    spawned.catch((error: Error) => {
      hasExited = true;
      spawnError = error;
      resolve({ code: null, signal: null, reason: `spawn failed: ${error.message}`, at: Date.now() });
    });
    child.once('exit', (code, signal) => {
      hasExited = true;
      // Whatever the leader left behind in its group is an orphan now.
      if (child.pid !== undefined && !windows) killGroup(child.pid, options.orphanSignal ?? 'SIGKILL');
      resolve({ code, signal, ...(reason ? { reason } : {}), at: Date.now() });
    });
  });
  const closed = new Promise<ExitInfo>((resolve) => {
    child.once('close', (code, signal) => resolve({ code, signal, ...(reason ? { reason } : {}), at: Date.now() }));
    void exited.then((info) => {
      if (spawnError) resolve(info);
    });
  });
  child.stdin.on('error', () => undefined);
  if (options.killWithParent) void spawned.then(() => killWithThisProcess(child), () => undefined);
  const waitExit = (ms: number): Promise<boolean> => {
    if (hasExited) return Promise.resolve(true);
    let timer: NodeJS.Timeout | undefined;
    return Promise.race([
      exited.then(() => true),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(resolve, ms, false);
      }),
    ]).finally(() => clearTimeout(timer));
  };
  return {
    process: child,
    pid: child.pid,
    stdin: child.stdin,
    stdout: child.stdout,
    stderr: child.stderr,
    spawned,
    exited,
    closed,
    get hasExited() {
      return hasExited;
    },
    signal: (signal) => signalGroup(child, signal),
    waitExit,
    async terminate(graceMs, why) {
      if (hasExited || child.pid === undefined) return exited;
      reason ??= why;
      signalGroup(child, 'SIGTERM');
      const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), graceMs);
      const info = await exited;
      clearTimeout(timer);
      return info;
    },
  };
}

/** A spawn error in words a user acts on: "command not found", "permission denied". */
export function describeSpawnError(error: NodeJS.ErrnoException, spec: { command: string; cwd?: string | undefined }): string {
  if (error.code === 'ENOENT') return spec.cwd && error.path === spec.command ? 'command not found (or its working directory does not exist)' : 'command not found';
  if (error.code === 'EACCES') return 'permission denied';
  return error.message;
}
