import type { ChildProcess } from 'node:child_process';

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

/**
 * Signal a group leader's whole group — also after the leader itself has
 * exited, since members of its group may not have. On Windows (no process
 * groups) the child alone. Never throws.
 */
export function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  if (process.platform === 'win32') {
    try {
      child.kill(signal);
    } catch {
      /* already gone */
    }
    return;
  }
  if (!killGroup(child.pid, signal) && child.exitCode === null && child.signalCode === null) {
    try {
      child.kill(signal);
    } catch {
      /* already gone */
    }
  }
}
