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
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may contain spaces and parentheses: split after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Field 22 (starttime) is index 19 after dropping pid and comm.
    return fields[19];
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
  if (identity.startTime === undefined) return true;
  const now = processStartTime(identity.pid);
  return now === undefined || now === identity.startTime;
}

/** True when any process holds `pid` (ours or not). */
export function pidExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
