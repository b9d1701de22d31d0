import { readFileSync, mkdtempSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeSpawnError, groupExists, spawnGroup } from '../src/process/index.js';

const node = process.execPath;

/** A leader that starts a long-lived grandchild in its group, writes its pid, then waits (or exits at once with `exit`). */
function leaderScript(pidFile: string, mode: 'wait' | 'exit' | 'ignore-term'): string {
  return [
    "const { spawn } = require('node:child_process');",
    "const { writeFileSync } = require('node:fs');",
    "const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });",
    `writeFileSync(${JSON.stringify(pidFile)}, String(child.pid));`,
    mode === 'ignore-term' ? "process.on('SIGTERM', () => {});" : '',
    mode === 'exit' ? 'process.exit(3);' : 'setInterval(() => {}, 1000);',
  ].join('\n');
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function waitFor(check: () => boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('spawnGroup', () => {
  it('runs the child as a group leader; terminate ends the whole group and says why', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'toolkit-process-'));
    const pidFile = join(dir, 'grandchild.pid');
    const child = spawnGroup({ command: node, args: ['-e', leaderScript(pidFile, 'wait')], env: process.env });
    await child.spawned;
    await waitFor(() => existsSync(pidFile) && readFileSync(pidFile, 'utf8') !== '');
    const grandchild = Number(readFileSync(pidFile, 'utf8'));
    expect(groupExists(child.pid!)).toBe(true);
    const info = await child.terminate(2000, 'stopped by the test');
    expect(info).toMatchObject({ signal: 'SIGTERM', reason: 'stopped by the test' });
    expect(child.hasExited).toBe(true);
    await waitFor(() => !alive(grandchild));
    expect(groupExists(child.pid!)).toBe(false);
  });

  it('escalates to SIGKILL after the grace time', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'toolkit-process-'));
    const pidFile = join(dir, 'grandchild.pid');
    const child = spawnGroup({ command: node, args: ['-e', leaderScript(pidFile, 'ignore-term')], env: process.env });
    await waitFor(() => existsSync(pidFile) && readFileSync(pidFile, 'utf8') !== '');
    const info = await child.terminate(200);
    expect(info.signal).toBe('SIGKILL');
  });

  it('kills what the leader left in its group when it exits on its own', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'toolkit-process-'));
    const pidFile = join(dir, 'grandchild.pid');
    const child = spawnGroup({ command: node, args: ['-e', leaderScript(pidFile, 'exit')], env: process.env });
    const info = await child.exited;
    expect(info.code).toBe(3);
    const grandchild = Number(readFileSync(pidFile, 'utf8'));
    await waitFor(() => !alive(grandchild));
    const closed = await child.closed;
    expect(closed.code).toBe(3);
  });

  it('reports a command that does not exist without throwing, and in words', async () => {
    const child = spawnGroup({ command: '/nonexistent/mcpctl-test-command', args: [], env: process.env });
    const error = await child.spawned.then(() => undefined, (caught: NodeJS.ErrnoException) => caught);
    expect(error?.code).toBe('ENOENT');
    expect(describeSpawnError(error!, { command: '/nonexistent/mcpctl-test-command' })).toBe('command not found');
    expect((await child.exited).reason).toMatch(/^spawn failed: /);
    expect((await child.closed).reason).toMatch(/^spawn failed: /);
    expect(child.hasExited).toBe(true);
    expect(await child.waitExit(10)).toBe(true);
  });

  it('waitExit says whether the leader exited in time', async () => {
    const child = spawnGroup({ command: node, args: ['-e', 'setTimeout(() => {}, 300)'], env: process.env });
    expect(await child.waitExit(20)).toBe(false);
    expect(await child.waitExit(5000)).toBe(true);
  });
});
