import { statSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { ServerLifecycleEvent } from '@mcpctl/kernel';
import { startDaemon } from '../src/daemon.js';
import { connectRpc, type RpcClient } from '../src/rpc/client.js';
import { offerDaemonSession } from '../src/session-proxy.js';
import type { UnitSnapshot } from '../src/supervisor/server-unit.js';
import { connectClient, fixtureEntry, recordingLogger, startTestDaemon, useDaemonSandbox, waitFor } from './helpers.js';

const sandbox = useDaemonSandbox();
let client: RpcClient | undefined;

/** Send raw lines and collect the raw answers. */
async function rawExchange(socketPath: string, lines: string[], expected: number): Promise<Array<Record<string, unknown>>> {
  return new Promise((resolve, reject) => {
    const socket = connect(socketPath);
    const answers: Array<Record<string, unknown>> = [];
    let buffer = '';
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      let index;
      while ((index = buffer.indexOf('\n')) !== -1) {
        answers.push(JSON.parse(buffer.slice(0, index)) as Record<string, unknown>);
        buffer = buffer.slice(index + 1);
      }
      if (answers.length >= expected) {
        socket.end();
        resolve(answers);
      }
    });
    socket.on('error', reject);
    socket.on('connect', () => socket.write(lines.map((line) => line + '\n').join('')));
  });
}

describe('the socket', () => {
  it('lives in a 0700 directory and is itself 0600', async () => {
    await startTestDaemon(sandbox, {});
    expect(statSync(sandbox.paths.runtimeDir).mode & 0o777).toBe(0o700);
    expect(statSync(sandbox.paths.socket).mode & 0o777).toBe(0o600);
    expect(statSync(sandbox.paths.lock).mode & 0o777).toBe(0o600);
  });

  it('tightens a runtime directory with loose permissions', async () => {
    const { mkdirSync, chmodSync } = await import('node:fs');
    mkdirSync(sandbox.paths.runtimeDir, { recursive: true });
    chmodSync(sandbox.paths.runtimeDir, 0o755);
    await startTestDaemon(sandbox, {});
    expect(statSync(sandbox.paths.runtimeDir).mode & 0o777).toBe(0o700);
  });

  it('answers an unknown or missing protocol version with a clear error', async () => {
    await startTestDaemon(sandbox, {});
    const answers = await rawExchange(
      sandbox.paths.socket,
      [
        JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'daemon.status', params: {}, protocol: 99 }),
        JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'daemon.status', params: {} }),
        JSON.stringify({ jsonrpc: '2.0', id: 3, method: 'no.such', params: {}, protocol: 1 }),
        'this is not json',
      ],
      4,
    );
    const byId = new Map(answers.map((answer) => [answer.id, answer]));
    expect(byId.get(1)).toMatchObject({ error: { code: -32001, message: expect.stringMatching(/protocol version 99; this daemon speaks 1/), data: { supported: [1] } } });
    expect(byId.get(2)).toMatchObject({ error: { code: -32001, message: expect.stringMatching(/no protocol version/) } });
    expect(byId.get(3)).toMatchObject({ error: { code: -32601 } });
    expect(byId.get(null)).toMatchObject({ error: { code: -32700 } });
  });

  it('reports daemon status', async () => {
    await startTestDaemon(sandbox, { one: fixtureEntry() });
    client = await connectClient(sandbox);
    await waitFor(async () => (await client!.request<UnitSnapshot>('servers.status', { name: 'one' })).state === 'running');
    const status = await client.request<Record<string, unknown>>('daemon.status');
    expect(status).toMatchObject({ pid: process.pid, version: '0.1.0-test', protocol: 1, socket: sandbox.paths.socket, servers: { running: 1 } });
  });

  it('returns a coded error for an unknown server', async () => {
    await startTestDaemon(sandbox, { one: fixtureEntry() });
    client = await connectClient(sandbox);
    await expect(client.request('servers.status', { name: 'nope' })).rejects.toMatchObject({ code: 'MCPCTL_SERVER_NOT_SUPERVISED', exitCode: 2 });
  });
});

describe('one daemon per user', () => {
  it('refuses a second daemon while one runs', async () => {
    await startTestDaemon(sandbox, {});
    await expect(startTestDaemon(sandbox, {})).rejects.toMatchObject({ code: 'MCPCTL_DAEMON_ALREADY_RUNNING' });
    // The first one is unharmed.
    client = await connectClient(sandbox);
    expect((await client.request<{ pid: number }>('daemon.status')).pid).toBe(process.pid);
  });

  it('cleans a stale lock and socket left by a dead daemon', async () => {
    const { mkdirSync } = await import('node:fs');
    const { createServer } = await import('node:net');
    mkdirSync(sandbox.paths.runtimeDir, { recursive: true, mode: 0o700 });
    // A socket file nobody listens on (its server closed without unlinking)…
    const stale = createServer();
    await new Promise<void>((resolve) => stale.listen(sandbox.paths.socket, resolve));
    await new Promise<void>((resolve) => {
      // Closing a Unix server removes its file in Node; recreate the leftover as a plain file.
      stale.close(() => resolve());
    });
    writeFileSync(sandbox.paths.socket, '');
    // …and a lock naming a pid that no longer exists.
    writeFileSync(sandbox.paths.lock, JSON.stringify({ pid: 2 ** 22 + 12345, startTime: '1', socket: sandbox.paths.socket, startedAt: 'then' }));
    await expect(connectRpc(sandbox.paths.socket)).rejects.toMatchObject({ code: 'MCPCTL_DAEMON_NOT_RUNNING' });
    await startTestDaemon(sandbox, {});
    client = await connectClient(sandbox);
    expect((await client.request<{ pid: number }>('daemon.status')).pid).toBe(process.pid);
    expect(JSON.parse((await import('node:fs')).readFileSync(sandbox.paths.lock, 'utf8')).pid).toBe(process.pid);
  });
});

describe('warm sessions through the session hook', () => {
  it('serves 50 concurrent calls with no error and no crossed responses', async () => {
    const entry = fixtureEntry();
    await startTestDaemon(sandbox, { echo: entry });
    client = await connectClient(sandbox);
    await waitFor(async () => (await client!.request<UnitSnapshot>('servers.status', { name: 'echo' })).state === 'running');
    const calls = Array.from({ length: 50 }, async (_, index) => {
      // One session per call, as 50 separate `mcpctl call` processes would open.
      const session = await offerDaemonSession({ name: 'echo', entry }, recordingLogger(), sandbox.env);
      expect(session).toBeDefined();
      try {
        const result = await session!.request<{ structuredContent: { text: string } }>('tools/call', { name: 'echo', arguments: { text: `call-${index}` } });
        return result.structuredContent.text;
      } finally {
        await session!.close();
      }
    });
    const texts = await Promise.all(calls);
    expect(texts).toEqual(Array.from({ length: 50 }, (_, index) => `call-${index}`));
    expect((await client.request<UnitSnapshot>('servers.status', { name: 'echo' })).calls).toBe(50);
  });

  it('pipelines many requests on one session without crossing them', async () => {
    const entry = fixtureEntry();
    await startTestDaemon(sandbox, { echo: entry });
    const session = (await offerDaemonSession({ name: 'echo', entry }, recordingLogger(), sandbox.env))!;
    expect(session.serverInfo.name).toBe('fixture');
    expect(session.instructions).toBe('fixture fixture');
    const texts = await Promise.all(
      Array.from({ length: 50 }, (_, index) =>
        session.request<{ structuredContent: { text: string } }>('tools/call', { name: 'echo', arguments: { text: String(index) } }).then((r) => r.structuredContent.text),
      ),
    );
    expect(texts).toEqual(Array.from({ length: 50 }, (_, index) => String(index)));
    await session.close();
  });

  it('relays progress notifications and MCP errors', async () => {
    const entry = fixtureEntry();
    await startTestDaemon(sandbox, { echo: entry });
    const session = (await offerDaemonSession({ name: 'echo', entry }, recordingLogger(), sandbox.env))!;
    const progress: number[] = [];
    await session.request('tools/call', { name: 'slow', arguments: { ms: 150, steps: 3 } }, { onProgress: (update) => progress.push(update.progress) });
    expect(progress).toEqual([1, 2, 3]);
    await expect(session.request('prompts/get', { name: 'missing' })).rejects.toMatchObject({ code: 'MCPCTL_MCP_ERROR' });
    await expect(session.request('tools/call', { name: 'slow', arguments: { ms: 2000 } }, { timeoutMs: 200 })).rejects.toMatchObject({ code: 'MCPCTL_TIMEOUT' });
    await session.close();
  });

  it('answers the health method with a ping round trip', async () => {
    await startTestDaemon(sandbox, { echo: fixtureEntry() });
    client = await connectClient(sandbox);
    const health = await client.request<{ ok: boolean; ms: number; state: string }>('health', { name: 'echo' });
    expect(health).toMatchObject({ ok: true, state: 'running', health: 'ok' });
    expect(health.ms).toBeGreaterThanOrEqual(0);
  });

  it('cancels the forwarded request when the client cancels it or goes away', async () => {
    await startTestDaemon(sandbox, { echo: fixtureEntry() });
    client = await connectClient(sandbox);
    await waitFor(async () => (await client!.request<UnitSnapshot>('servers.status', { name: 'echo' })).state === 'running');
    const controller = new AbortController();
    const slow = client.request('mcp.request', { name: 'echo', method: 'tools/call', params: { name: 'slow', arguments: { ms: 10_000 } } }, { signal: controller.signal });
    await waitFor(async () => (await client!.request<UnitSnapshot>('servers.status', { name: 'echo' })).inFlight === 1);
    controller.abort();
    await expect(slow).rejects.toMatchObject({ code: 'MCPCTL_INTERRUPTED' });
    await waitFor(async () => (await client!.request<UnitSnapshot>('servers.status', { name: 'echo' })).inFlight === 0, { timeoutMs: 2000, what: 'cancelled on the daemon' });

    const other = await connectRpc(sandbox.paths.socket);
    other.request('mcp.request', { name: 'echo', method: 'tools/call', params: { name: 'slow', arguments: { ms: 10_000 } } }).catch(() => undefined);
    await waitFor(async () => (await client!.request<UnitSnapshot>('servers.status', { name: 'echo' })).inFlight === 1);
    other.close();
    await waitFor(async () => (await client!.request<UnitSnapshot>('servers.status', { name: 'echo' })).inFlight === 0, { timeoutMs: 2000, what: 'cancelled on disconnect' });
  });

  it('keeps a request alive while progress arrives, and times it out when it stops', async () => {
    const entry = fixtureEntry();
    await startTestDaemon(sandbox, { echo: entry });
    const session = (await offerDaemonSession({ name: 'echo', entry }, recordingLogger(), sandbox.env))!;
    // 2000ms in total, progress every 100ms, timeout 1000ms: the timeout restarts on each progress
    // (a tenfold margin, so a loaded machine does not time out between two progress notifications).
    await expect(session.request('tools/call', { name: 'slow', arguments: { ms: 2000, steps: 20 } }, { timeoutMs: 1000, onProgress: () => undefined })).resolves.toMatchObject({
      content: [{ text: 'waited 2000ms' }],
    });
    await expect(session.request('tools/call', { name: 'slow', arguments: { ms: 2000, steps: 1 } }, { timeoutMs: 1000, onProgress: () => undefined })).rejects.toMatchObject({ code: 'MCPCTL_TIMEOUT' });
    await session.close();
  });

  it('offers no session when no daemon runs, for an unknown server, or for a different entry', async () => {
    const entry = fixtureEntry();
    expect(await offerDaemonSession({ name: 'echo', entry }, recordingLogger(), sandbox.env)).toBeUndefined();
    await startTestDaemon(sandbox, { echo: entry });
    expect(await offerDaemonSession({ name: 'other', entry }, recordingLogger(), sandbox.env)).toBeUndefined();
    expect(await offerDaemonSession({ name: 'echo', entry: { ...entry, args: ['--different'] } }, recordingLogger(), sandbox.env)).toBeUndefined();
    // supervise options do not change what the session talks to.
    const same = await offerDaemonSession({ name: 'echo', entry: { ...entry, supervise: { restart: 'never' } } }, recordingLogger(), sandbox.env);
    expect(same).toBeDefined();
    await same!.close();
    expect(await offerDaemonSession({ name: 'echo', entry }, recordingLogger(), { ...sandbox.env, MCPCTL_NO_DAEMON: '1' })).toBeUndefined();
  });
});

describe('lifecycle hooks', () => {
  it('fires serverStarting, serverReady and serverExited with the pid and exit', async () => {
    const events: Array<[string, ServerLifecycleEvent]> = [];
    const record = (hook: string) => async (event: ServerLifecycleEvent) => void events.push([hook, event]);
    const daemon = await startDaemon({
      paths: sandbox.paths,
      version: 'test',
      loadConfig: async () => ({ servers: { one: fixtureEntry() }, settings: { health: { interval: 0 } }, baseDir: sandbox.root }),
      isServerType: () => false,
      logger: recordingLogger(),
      env: sandbox.env,
      lifecycle: { serverStarting: record('starting'), serverReady: record('ready'), serverExited: record('exited') },
    });
    try {
      await waitFor(() => events.some(([hook]) => hook === 'ready'));
      const pid = events.find(([hook]) => hook === 'ready')![1].pid!;
      process.kill(pid, 'SIGKILL');
      await waitFor(() => events.some(([hook]) => hook === 'exited'));
      expect(events.map(([hook]) => hook).slice(0, 3)).toEqual(['starting', 'ready', 'exited']);
      expect(events.find(([hook]) => hook === 'exited')![1]).toMatchObject({ name: 'one', pid, signal: 'SIGKILL' });
    } finally {
      await daemon.stop();
    }
  });
});
