import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RpcClient } from '../src/rpc/client.js';
import { STATE_SCHEMA_VERSION } from '../src/state/state-file.js';
import type { UnitSnapshot } from '../src/supervisor/server-unit.js';
import type { ReloadResult } from '../src/supervisor/supervisor.js';
import { connectClient, FAST, fixtureEntry, processRunning, startTestDaemon, useDaemonSandbox, waitFor, type TestDaemon } from './helpers.js';

const sandbox = useDaemonSandbox();
let running: TestDaemon | undefined;
let client: RpcClient | undefined;

async function list(): Promise<Map<string, UnitSnapshot>> {
  const { servers } = await client!.request<{ servers: UnitSnapshot[] }>('servers.list');
  return new Map(servers.map((server) => [server.name, server]));
}

async function allRunning(names: string[]): Promise<Map<string, UnitSnapshot>> {
  return waitFor(async () => {
    const servers = await list();
    return names.every((name) => servers.get(name)?.state === 'running') ? servers : undefined;
  }, { what: `${names.join(', ')} running` });
}

describe('daemon reload', () => {
  it('applies a config change as a diff: added started, removed stopped, changed restarted, the rest untouched', async () => {
    running = await startTestDaemon(sandbox, { keep: fixtureEntry(), drop: fixtureEntry(), change: fixtureEntry({ FIXTURE_NAME: 'v1' }) });
    client = await connectClient(sandbox);
    const before = await allRunning(['keep', 'drop', 'change']);
    const { config } = running;
    delete config.servers.drop;
    config.servers.change = fixtureEntry({ FIXTURE_NAME: 'v2' });
    config.servers.add = fixtureEntry();
    const result = await client.request<ReloadResult>('daemon.reload');
    expect(result).toEqual({ added: ['add'], removed: ['drop'], changed: ['change'], unchanged: ['keep'] });
    const after = await allRunning(['keep', 'change', 'add']);
    expect(after.has('drop')).toBe(false);
    expect(processRunning(before.get('drop')!.pid!)).toBe(false);
    expect(after.get('keep')!.pid).toBe(before.get('keep')!.pid);
    expect(after.get('change')!.pid).not.toBe(before.get('change')!.pid);
    expect(after.get('change')!.session?.serverInfo.name).toBe('v2');
  });

  it('rejects an invalid config and leaves the running set as it was', async () => {
    running = await startTestDaemon(sandbox, { one: fixtureEntry(), two: fixtureEntry() });
    client = await connectClient(sandbox);
    const before = await allRunning(['one', 'two']);
    running.config.servers.two = fixtureEntry({}, { restart: 'sometimes' });
    delete running.config.servers.one;
    running.config.servers.three = fixtureEntry();
    await expect(client.request('daemon.reload')).rejects.toMatchObject({ code: 'MCPCTL_DAEMON_SUPERVISE_INVALID', message: expect.stringMatching(/"two".*supervise\.restart/) });
    const after = await list();
    expect([...after.keys()].sort()).toEqual(['one', 'two']);
    for (const name of ['one', 'two']) {
      expect(after.get(name)!.state).toBe('running');
      expect(after.get(name)!.pid).toBe(before.get(name)!.pid);
    }
  });

  it('rejects a config the loader refuses (e.g. schema errors) without touching servers', async () => {
    let fail = false;
    running = await startTestDaemon(sandbox, { one: fixtureEntry() }, FAST, {
      loadConfig: async () => {
        if (fail) throw Object.assign(new Error('servers.one.command: expected string'), { code: 'MCPCTL_CONFIG_INVALID' });
        return { servers: { one: fixtureEntry() }, settings: FAST, baseDir: sandbox.root };
      },
    });
    client = await connectClient(sandbox);
    const before = await allRunning(['one']);
    fail = true;
    await expect(running.daemon.reload()).rejects.toThrow(/expected string/);
    expect((await list()).get('one')!.pid).toBe(before.get('one')!.pid);
  });
});

describe('desired state', () => {
  it('after a clean stop, starts the enabled servers; enable/disable is remembered', async () => {
    running = await startTestDaemon(sandbox, { a: fixtureEntry(), b: fixtureEntry(), c: fixtureEntry({}, { enabled: false }) });
    client = await connectClient(sandbox);
    await allRunning(['a', 'b']);
    expect((await list()).get('c')!.state).toBe('stopped');
    await client.request('servers.stop', { name: 'b' });
    await client.request('servers.disable', { name: 'a' });
    await client.request('servers.enable', { name: 'c' });
    client.close();
    await running.daemon.stop();
    const state = JSON.parse(readFileSync(sandbox.paths.stateFile, 'utf8'));
    expect(state).toMatchObject({ schemaVersion: STATE_SCHEMA_VERSION, shutdown: 'clean', servers: { a: { wanted: true, enabled: false }, b: { wanted: false }, c: { wanted: false, enabled: true } } });

    running = await startTestDaemon(sandbox, running.config.servers);
    client = await connectClient(sandbox);
    const servers = await allRunning(['b', 'c']);
    expect(servers.get('a')!.state).toBe('stopped');
    expect(servers.get('a')!.enabled).toBe(false);
  });

  it('moves a corrupt state file aside with a clear message and starts from the config', async () => {
    mkdirSync(dirname(sandbox.paths.stateFile), { recursive: true });
    writeFileSync(sandbox.paths.stateFile, '{"schemaVersion": 1, "servers": {"a": {"wanted": tru');
    running = await startTestDaemon(sandbox, { a: fixtureEntry() });
    const moved = readdirSync(dirname(sandbox.paths.stateFile)).filter((file) => file.startsWith('state.json.corrupt-'));
    expect(moved).toHaveLength(1);
    const message = running.logs.find((record) => record.level === 'error');
    expect(String(message?.args[1])).toMatch(/state file .* could not be used \(it is not valid JSON.*moved to .*state\.json\.corrupt-/);
    client = await connectClient(sandbox);
    await allRunning(['a']);
  });

  it('never overwrites a state file from a newer version: it is moved aside', async () => {
    mkdirSync(dirname(sandbox.paths.stateFile), { recursive: true });
    const future = JSON.stringify({ schemaVersion: STATE_SCHEMA_VERSION + 1, shutdown: 'running', servers: {} });
    writeFileSync(sandbox.paths.stateFile, future);
    running = await startTestDaemon(sandbox, {});
    const moved = readdirSync(dirname(sandbox.paths.stateFile)).filter((file) => file.startsWith('state.json.future-'));
    expect(moved).toHaveLength(1);
    expect(readFileSync(`${dirname(sandbox.paths.stateFile)}/${moved[0]}`, 'utf8')).toBe(future);
    expect(String(running.logs.find((record) => record.level === 'error')?.args[1])).toMatch(/schema version 2 is newer/);
  });
});
