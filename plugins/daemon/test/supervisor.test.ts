import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectRpc, type RpcClient } from '../src/rpc/client.js';
import { backoffBound } from '../src/supervisor/backoff.js';
import { resolveSupervise } from '../src/supervisor/options.js';
import type { UnitSnapshot } from '../src/supervisor/server-unit.js';
import { FAST, fixtureEntry, makeSandbox, processRunning, startTestDaemon, waitFor, type Sandbox, type TestDaemon } from './helpers.js';

let sandbox: Sandbox;
let running: TestDaemon | undefined;
let client: RpcClient | undefined;

beforeEach(() => {
  sandbox = makeSandbox();
});
afterEach(async () => {
  client?.close();
  client = undefined;
  await running?.daemon.stop();
  running = undefined;
  sandbox.cleanup();
});

async function status(name: string): Promise<UnitSnapshot> {
  return client!.request<UnitSnapshot>('servers.status', { name });
}

describe('supervision of a real child process', () => {
  it('starts a server, forwards a call over the socket and reports it', async () => {
    running = await startTestDaemon(sandbox, { echo: fixtureEntry() });
    client = await connectRpc(sandbox.paths.socket);
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
    client = await connectRpc(sandbox.paths.socket);
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
      // The restart was scheduled within the backoff bound for this attempt (plus timer slack)…
      const delay = Date.parse(next.startedAt!) - Date.parse(next.lastExit!.at);
      expect(delay).toBeLessThanOrEqual(backoffBound(kill, options.backoff) + 50);
      // …and the server was back, spawned and initialized, soon after.
      expect(Date.now() - killedAt).toBeLessThan(backoffBound(kill, options.backoff) + 3000);
      expect(next.restarts).toBe(kill);
      expect(processRunning(pid)).toBe(false);
      pid = next.pid!;
    }
  }, 120_000);
});
