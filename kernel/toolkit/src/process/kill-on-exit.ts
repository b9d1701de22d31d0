import type { ChildProcess } from 'node:child_process';
import { signalGroup } from './signal-group.js';

/**
 * Group leaders killed with their whole group when this process exits for
 * any reason, so a server and anything it started never outlive it.
 */
const live = new Set<ChildProcess>();
let hooked = false;

export function killWithThisProcess(child: ChildProcess): void {
  if (!hooked) {
    hooked = true;
    process.once('exit', () => {
      for (const each of live) signalGroup(each, 'SIGKILL');
    });
  }
  live.add(child);
  child.once('exit', () => live.delete(child));
}
