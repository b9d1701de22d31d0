import { readFileSync } from 'node:fs';

/**
 * A pid plus the kernel's start time of that process, so a recycled pid is
 * never mistaken for the process we recorded. The start time comes from
 * /proc (Linux); elsewhere it is undefined and only the pid is compared.
 */
export interface ProcessIdentity {
  pid: number;
  startTime?: string;
}

export function processStartTime(pid: number): string | undefined {
  return readStat(pid)?.[19];
}

/**
 * Fields of /proc/<pid>/stat after the command name (field 3, the state,
 * is index 0); undefined when there is no such process or no /proc.
 */
function readStat(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may contain spaces and parentheses: split after the last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

export function identify(pid: number): ProcessIdentity {
  const startTime = processStartTime(pid);
  return startTime === undefined ? { pid } : { pid, startTime };
}

/** True when `identity` names a process that still exists (and is the same one). */
export function isAlive(identity: ProcessIdentity): boolean {
  try {
    process.kill(identity.pid, 0);
  } catch {
    // ESRCH: gone. EPERM: the pid belongs to another user now, so it is not the process we recorded.
    return false;
  }
  const stat = readStat(identity.pid);
  // A zombie has exited; it only waits for a parent (or an init that may never reap it).
  if (stat?.[0] === 'Z') return false;
  if (identity.startTime === undefined || stat === undefined) return true;
  return stat[19] === identity.startTime;
}

/** True when any process holds `pid` (ours or not), a zombie included: its pid is still taken. */
function pidExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** True while `pid` runs (not exited, not a zombie). */
export function pidRunning(pid: number): boolean {
  return pidExists(pid) && readStat(pid)?.[0] !== 'Z';
}
