import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RpcClient } from '../src/rpc/client.js';
import { backoffBound } from '../src/supervisor/backoff.js';
import { resolveSupervise } from '../src/supervisor/options.js';
import type { UnitSnapshot } from '../src/supervisor/server-unit.js';
import { connectClient, FAST, fixtureEntry, processRunning, startTestDaemon, useDaemonSandbox, waitFor, type TestDaemon } from './helpers.js';

const sandbox = useDaemonSandbox();
let running: TestDaemon | undefined;
let client: RpcClient | undefined;

async function status(name: string): Promise<UnitSnapshot> {
  return client!.request<UnitSnapshot>('servers.status', { name });
}

describe('supervision of a real child process', () => {
  it('starts a server, forwards a call over the socket and reports it', async () => {
    running = await startTestDaemon(sandbox, { echo: fixtureEntry() });
    client = await connectClient(sandbox);
    await waitFor(async () => (await status('echo')).state === 'running', { what: 'echo running' });
    const result = await client.request<{ structuredContent: { text: string; pid: number } }>('mcp.request', {
      name: 'echo',
      method: 'tools/call',
      params: { name: 'echo', arguments: { text: 'hi' } },
    });
    const snapshot = await status('echo');
    expect(result.structuredContent.text).toBe('hi');
    expect(result.structuredContent.pid).toBe(snapshot.pid);
    expect(snapshot.calls).toBe(1);
    expect(snapshot.session?.serverInfo.name).toBe('fixture');
  });

  it('restarts a server killed with SIGKILL 20 times, each within the backoff bound', async () => {
    running = await startTestDaemon(sandbox, { victim: fixtureEntry({}, { restart: 'always', breaker: { maxCrashes: 100 } }) });
    client = await connectClient(sandbox);
    const options = resolveSupervise('victim', running.config.servers.victim!, FAST);
    let pid = (await waitFor(async () => (await status('victim')).state === 'running' && (await status('victim')).pid, { what: 'victim running' })) as number;
    for (let kill = 1; kill <= 20; kill++) {
      const killedAt = Date.now();
      process.kill(pid, 'SIGKILL');
      const next = await waitFor(
        async () => {
          const snapshot = await status('victim');
          return snapshot.state === 'running' && snapshot.pid !== pid ? snapshot : undefined;
        },
        { what: `restart #${kill}`, intervalMs: 5 },
      );
      // The restart was scheduled within the backoff bound for this attempt…
      expect(next.lastBackoffMs).toBeLessThanOrEqual(backoffBound(kill, options.backoff));
      // …happened no earlier than that delay…
      const delay = Date.parse(next.startedAt!) - Date.parse(next.lastExit!.at);
      expect(delay).toBeGreaterThanOrEqual(next.lastBackoffMs! - 5);
      // …and the server was back, spawned and initialized, soon after (slack for a loaded machine).
      expect(Date.now() - killedAt).toBeLessThan(backoffBound(kill, options.backoff) + 5000);
      expect(next.restarts).toBe(kill);
      expect(processRunning(pid)).toBe(false);
      pid = next.pid!;
    }
  }, 120_000);
});

describe('failure handling', () => {
  it('opens the crash-loop breaker: failed with the reason and the last log lines; servers.start clears it', async () => {
    running = await startTestDaemon(sandbox, {
      flaky: fixtureEntry({ FIXTURE_CRASH_AFTER_MS: '100' }, { restart: 'always', breaker: { maxCrashes: 3, window: '1m' } }),
    });
    client = await connectClient(sandbox);
    const failed = await waitFor(async () => {
      const snapshot = await status('flaky');
      return snapshot.state === 'failed' ? snapshot : undefined;
    }, { what: 'breaker open', timeoutMs: 20_000 });
    expect(failed.failure?.reason).toMatch(/crashed 3 times within 1m/);
    expect(failed.failure?.lastLines.join('\n')).toContain('crashing on purpose');
    expect(failed.restarts).toBe(2);
    expect(failed.pid).toBeUndefined();
    // A call to a failed server says why instead of hanging.
    await expect(client.request('mcp.request', { name: 'flaky', method: 'tools/list' })).rejects.toMatchObject({ code: 'MCPCTL_SERVER_FAILED' });
    // Stays failed: no restart is scheduled.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await status('flaky')).state).toBe('failed');
    const started = await client.request<{ results: Array<{ ok: boolean; server: UnitSnapshot }> }>('servers.start', { name: 'flaky' });
    expect(started.results[0]!.ok).toBe(true);
    expect(started.results[0]!.server.state).toBe('running');
    expect(started.results[0]!.server.failure).toBeUndefined();
  }, 30_000);

  it('restarts a server that hangs on ping (health check timeout)', async () => {
    running = await startTestDaemon(sandbox, {
      hang: fixtureEntry({ FIXTURE_HANG_PING: '1' }, { health: { interval: 400, timeout: 300, failures: 2 }, restart: 'on-failure' }),
    });
    client = await connectClient(sandbox);
    const initial = await waitFor(async () => {
      const snapshot = await status('hang');
      return snapshot.state === 'running' ? snapshot : undefined;
    }, { what: 'hang running' });
    expect(initial.restarts).toBe(0);
    const first = initial.pid!;
    const restarted = await waitFor(async () => {
      const snapshot = await status('hang');
      return snapshot.restarts >= 1 && snapshot.state === 'running' ? snapshot : undefined;
    }, { what: 'restart after failed health', timeoutMs: 15_000 });
    expect(restarted.pid).not.toBe(first);
    expect(restarted.lastExit?.reason).toMatch(/health check failed 2 times/);
    expect(processRunning(first)).toBe(false);
  }, 30_000);

  it('escalates to SIGKILL for a child that ignores SIGTERM, and kills its whole process group', async () => {
    running = await startTestDaemon(sandbox, { stubborn: fixtureEntry({ FIXTURE_STUBBORN: '1', FIXTURE_CHILD: '1' }, { stopTimeout: 300 }) });
    client = await connectClient(sandbox);
    const pid = await waitFor(async () => (await status('stubborn')).state === 'running' && (await status('stubborn')).pid, { what: 'stubborn running' });
    const grandchild = Number(/grandchild pid (\d+)/.exec(readFileSync((await status('stubborn')).log!, 'utf8'))![1]);
    expect(processRunning(grandchild)).toBe(true);
    const started = Date.now();
    await client.request('servers.stop', { name: 'stubborn' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
    const snapshot = await status('stubborn');
    expect(snapshot.state).toBe('stopped');
    expect(snapshot.lastExit?.signal).toBe('SIGKILL');
    expect(processRunning(pid as number)).toBe(false);
    await waitFor(() => !processRunning(grandchild), { what: 'grandchild gone' });
  });
});

describe('lazy start and idle stop', () => {
  it('does not start a lazy server until the first call, and stops it after the idle timeout', async () => {
    running = await startTestDaemon(sandbox, { lazy: fixtureEntry({}, { start: 'lazy', idleTimeout: 1500 }) });
    client = await connectClient(sandbox);
    expect((await status('lazy')).state).toBe('idle');
    expect((await status('lazy')).pid).toBeUndefined();
    const result = await client.request<{ structuredContent: { pid: number } }>('mcp.request', {
      name: 'lazy',
      method: 'tools/call',
      params: { name: 'echo', arguments: { text: 'wake' } },
    });
    const pid = result.structuredContent.pid;
    expect((await status('lazy')).state).toBe('running');
    await waitFor(async () => (await status('lazy')).state === 'idle', { what: 'idle stop', timeoutMs: 5000 });
    expect(processRunning(pid)).toBe(false);
    expect((await status('lazy')).restarts).toBe(0);
    // The next call starts it again.
    const again = await client.request<{ structuredContent: { pid: number } }>('mcp.request', {
      name: 'lazy',
      method: 'tools/call',
      params: { name: 'echo', arguments: { text: 'again' } },
    });
    expect(again.structuredContent.pid).not.toBe(pid);
  });

  it('does not stop a server for idleness while a call is in flight', async () => {
    running = await startTestDaemon(sandbox, { busy: fixtureEntry({}, { idleTimeout: 200 }) });
    client = await connectClient(sandbox);
    // Started (or, if it already went idle, started again) by the call; a stop mid-call would fail it.
    await client.request('mcp.request', { name: 'busy', method: 'tools/call', params: { name: 'slow', arguments: { ms: 700 } } });
    expect((await status('busy')).restarts).toBe(0);
    expect((await status('busy')).calls).toBe(1);
  });
});

describe('logs', () => {
  it('writes stderr to a per-server log rotated by size with a bounded total', async () => {
    running = await startTestDaemon(
      sandbox,
      { noisy: fixtureEntry({ FIXTURE_NOISE_BYTES: '3000', FIXTURE_CRASH_AFTER_MS: '50' }, { restart: 'always', breaker: { maxCrashes: 100 } }) },
      { ...FAST, logs: { maxBytes: 4096, files: 2 } },
    );
    client = await connectClient(sandbox);
    await waitFor(async () => (await status('noisy')).restarts >= 6, { what: 'several restarts', timeoutMs: 20_000 });
    const log = (await status('noisy')).log!;
    const files = readdirSync(dirname(log)).filter((file) => file.startsWith('noisy.log'));
    expect(files.sort()).toEqual(['noisy.log', 'noisy.log.1', 'noisy.log.2']);
    const total = files.reduce((sum, file) => sum + statSync(join(dirname(log), file)).size, 0);
    expect(total).toBeLessThanOrEqual(4096 * 3);
    const tail = await client.request<{ lines: string[] }>('servers.logs', { name: 'noisy', lines: 5 });
    expect(tail.lines).toHaveLength(5);
  }, 30_000);
});

describe('lists kept by a warm session', () => {
  type Listed = { tools: Array<{ name: string }> };
  const textOf = (result: unknown) => (result as { content: Array<{ text: string }> }).content[0]!.text;
  const call = (name: string, tool: string, args: Record<string, unknown> = {}) => client!.request('mcp.request', { name, method: 'tools/call', params: { name: tool, arguments: args } });
  const list = (name: string) => client!.request<Listed>('mcp.request', { name, method: 'tools/list' });

  it('answers tools/list from the last result until the server announces a change (it declared listChanged)', async () => {
    running = await startTestDaemon(sandbox, { announcing: fixtureEntry({ FIXTURE_LIST_CHANGED: '1' }) });
    client = await connectClient(sandbox);
    expect((await client.request<{ capabilities: { tools?: { listChanged?: boolean } } }>('session.open', { name: 'announcing' })).capabilities.tools).toEqual({ listChanged: true });
    const first = await list('announcing');
    expect(first.tools.map((tool) => tool.name)).toContain('add-tool');
    expect(await list('announcing')).toEqual(first);
    expect(textOf(await call('announcing', 'list-count'))).toBe('1');

    // Registering a tool makes the server send notifications/tools/list_changed.
    expect(textOf(await call('announcing', 'add-tool', { name: 'late' }))).toBe('added late');
    await waitFor(async () => (await list('announcing')).tools.some((tool) => tool.name === 'late'), { what: 'the new tool listed' });
    expect(textOf(await call('announcing', 'list-count'))).toBe('2');
    await list('announcing');
    expect(textOf(await call('announcing', 'list-count'))).toBe('2');
  });

  it('asks the server every time when it made no such promise', async () => {
    running = await startTestDaemon(sandbox, { quiet: fixtureEntry({ FIXTURE_NO_LIST_CHANGED: '1' }) });
    client = await connectClient(sandbox);
    await list('quiet');
    await list('quiet');
    const session = await client.request<{ capabilities: { tools?: { listChanged?: boolean } } }>('session.open', { name: 'quiet' });
    expect(session.capabilities.tools).toEqual({});
    expect(textOf(await call('quiet', 'list-count'))).toBe('2');
  });
});
