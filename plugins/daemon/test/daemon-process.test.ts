import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ServerEntry } from '@mcpctl/kernel';
import { connectRpc } from '../src/rpc/client.js';
import type { UnitSnapshot } from '../src/supervisor/server-unit.js';
import { buildProjects, FAST, FIXTURES, fixtureEntry, makeSandbox, PACKAGE_DIR, processRunning, waitFor, type Sandbox } from './helpers.js';

// These tests run the built daemon in separate processes.
beforeAll(() => buildProjects(PACKAGE_DIR), 120_000);

let sandbox: Sandbox;
const started: ChildProcess[] = [];

beforeEach(() => {
  sandbox = makeSandbox();
});
afterEach(async () => {
  for (const child of started.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
  }
  sandbox.cleanup();
});

function writeConfig(servers: Record<string, ServerEntry>): string {
  const file = join(sandbox.root, 'config.json');
  writeFileSync(file, JSON.stringify({ servers, settings: FAST }));
  return file;
}

function spawnDaemon(configFile: string): ChildProcess & { output: Promise<{ code: number | null; stderr: string }> } {
  const child = spawn(process.execPath, [join(FIXTURES, 'run-daemon.mjs'), configFile], { env: sandbox.env, stdio: ['ignore', 'pipe', 'pipe'] });
  started.push(child);
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const output = new Promise<{ code: number | null; stderr: string }>((resolve) => child.once('exit', (code) => resolve({ code, stderr })));
  return Object.assign(child, { output });
}

async function servers(): Promise<Map<string, UnitSnapshot>> {
  const client = await connectRpc(sandbox.paths.socket);
  try {
    const { servers: list } = await client.request<{ servers: UnitSnapshot[] }>('servers.list');
    return new Map(list.map((server) => [server.name, server]));
  } finally {
    client.close();
  }
}

async function runningSet(): Promise<string[]> {
  return [...(await servers()).values()].filter((server) => server.state === 'running').map((server) => server.name).sort();
}

describe('the daemon as a process', () => {
  it('after kill -9 of the daemon, its children go away and a restart restores the running set', async () => {
    const config = writeConfig({
      a: fixtureEntry(),
      b: fixtureEntry(),
      c: fixtureEntry({}, { enabled: false }),
      // Ignores stdin EOF and SIGTERM: outlives the daemon and must be reaped by the next one.
      stubborn: fixtureEntry({ FIXTURE_STUBBORN: '1' }, { stopTimeout: 300 }),
    });
    const first = spawnDaemon(config);
    await waitFor(async () => (await runningSet()).length === 3, { what: 'a, b, stubborn running' });
    const client = await connectRpc(sandbox.paths.socket);
    await client.request('servers.start', { name: 'c' });
    const before = await servers();
    await client.request('servers.stop', { name: 'b' });
    // Killed right after the answer: the desired state must already be on disk.
    first.kill('SIGKILL');
    client.close();
    await first.output;
    // Children die with the daemon: their stdin closes.
    await waitFor(() => !processRunning(before.get('a')!.pid!) && !processRunning(before.get('c')!.pid!), { what: 'children exit' });
    expect(processRunning(before.get('stubborn')!.pid!)).toBe(true);

    spawnDaemon(config);
    await waitFor(async () => (await runningSet()).length === 3, { what: 'running set restored', timeoutMs: 15_000 });
    const after = await servers();
    expect(await runningSet()).toEqual(['a', 'c', 'stubborn']);
    expect(after.get('b')!.state).toBe('stopped');
    // The leftover from the killed daemon was reaped, and a fresh one runs.
    expect(processRunning(before.get('stubborn')!.pid!)).toBe(false);
    expect(after.get('stubborn')!.pid).not.toBe(before.get('stubborn')!.pid);
  }, 60_000);

  it.each([
    ['no lock', false],
    ['a stale lock and socket from a crashed daemon', true],
  ])('of several daemons started at once (%s), exactly one runs; the others say one is running', async (_label, stale) => {
    const config = writeConfig({ a: fixtureEntry() });
    if (stale) {
      mkdirSync(sandbox.paths.runtimeDir, { recursive: true, mode: 0o700 });
      writeFileSync(sandbox.paths.lock, JSON.stringify({ pid: 2 ** 22 + 4321, startTime: '1', socket: sandbox.paths.socket, startedAt: 'then' }));
      writeFileSync(sandbox.paths.socket, '');
    }
    const racers = Array.from({ length: 5 }, () => spawnDaemon(config));
    await waitFor(async () => (await runningSet()).length === 1, { what: 'one daemon serving' });
    const losers = await Promise.all(racers.slice().map((racer) => Promise.race([racer.output, new Promise((resolve) => setTimeout(() => resolve(undefined), 3000))])));
    const exited = losers.filter((result): result is { code: number; stderr: string } => result !== undefined);
    expect(exited).toHaveLength(4);
    for (const result of exited) {
      expect(result.code).toBe(17);
      expect(result.stderr).toMatch(/MCPCTL_DAEMON_ALREADY_RUNNING: A daemon is already running \(pid \d+/);
    }
    expect(racers.filter((racer) => racer.exitCode === null)).toHaveLength(1);
  }, 30_000);

  it('stops cleanly on SIGTERM: children stopped, socket and lock removed, clean shutdown recorded', async () => {
    const config = writeConfig({ a: fixtureEntry() });
    const daemon = spawnDaemon(config);
    await waitFor(async () => (await runningSet()).length === 1);
    const pid = (await servers()).get('a')!.pid!;
    daemon.kill('SIGTERM');
    expect((await daemon.output).code).toBe(0);
    expect(processRunning(pid)).toBe(false);
    const { existsSync, readFileSync } = await import('node:fs');
    expect(existsSync(sandbox.paths.socket)).toBe(false);
    expect(existsSync(sandbox.paths.lock)).toBe(false);
    expect(JSON.parse(readFileSync(sandbox.paths.stateFile, 'utf8')).shutdown).toBe('clean');
  });

  it('reloads on SIGHUP', async () => {
    const config = writeConfig({ a: fixtureEntry() });
    const daemon = spawnDaemon(config);
    await waitFor(async () => (await runningSet()).length === 1);
    writeConfig({ a: fixtureEntry(), b: fixtureEntry() });
    daemon.kill('SIGHUP');
    await waitFor(async () => (await runningSet()).length === 2, { what: 'b added by SIGHUP reload' });
  });
});
