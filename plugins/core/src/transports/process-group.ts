import type { ChildProcess } from 'node:child_process';

/**
 * Children spawned as process-group leaders, killed with their whole group
 * when this process exits for any reason (a normal exit, process.exit after
 * Ctrl-C, an uncaught error), so a server and anything it started never
 * outlive mcpctl.
 */
const live = new Set<ChildProcess>();
let hooked = false;

function killAllNow(): void {
  for (const child of live) signalGroup(child, 'SIGKILL');
}

export function trackChild(child: ChildProcess): void {
  if (!hooked) {
    hooked = true;
    process.once('exit', killAllNow);
  }
  live.add(child);
  child.once('exit', () => live.delete(child));
}

/** Send a signal to the child's process group (falls back to the child alone). Never throws. */
export function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) {
    // The leader is gone, but members of its group may not be.
    if (child.pid !== undefined && process.platform !== 'win32') {
      try { process.kill(-child.pid, signal); } catch { /* the group is gone too */ }
    }
    return;
  }
  try {
    if (process.platform === 'win32') child.kill(signal);
    else process.kill(-child.pid, signal);
  } catch {
    try { child.kill(signal); } catch { /* already gone */ }
  }
}
