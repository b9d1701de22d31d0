import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { McpTransport, ServerEntry } from '@mcpctl/kernel';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { RpcClient } from '../src/rpc/client.js';
import { planLaunch } from '../src/supervisor/launch-plan.js';
import type { UnitSnapshot } from '../src/supervisor/server-unit.js';
import { connectClient, FAST, FIXTURES, fixtureEntry, startTestDaemon, useDaemonSandbox, waitFor, type TestDaemon } from './helpers.js';

let running: TestDaemon | undefined;
let client: RpcClient | undefined;
let httpServer: ChildProcess | undefined;
const sandbox = useDaemonSandbox(() => {
  httpServer?.kill('SIGKILL');
  httpServer = undefined;
});

async function startHttpFixture(): Promise<string> {
  httpServer = spawn(process.execPath, [join(FIXTURES, 'http-server.mjs')], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve) => httpServer!.stdout!.on('data', (chunk: Buffer) => resolve(Number(/listening (\d+)/.exec(chunk.toString())![1]))));
  return `http://127.0.0.1:${port}/mcp`;
}

// What core's http transport does in the CLI; the SDK transport's `send` takes a narrower message type than the kernel's structural one.
const connectHttp = async (_name: string, entry: ServerEntry): Promise<McpTransport> => new StreamableHTTPClientTransport(new URL(String(entry.url))) as unknown as McpTransport;

describe('servers mcpctl does not run (http)', () => {
  it('are connected to and health-checked, not spawned; calls use the warm session; a dead one is noticed', async () => {
    const url = await startHttpFixture();
    running = await startTestDaemon(
      sandbox,
      { remote: { type: 'http', url, supervise: { health: { interval: 100, timeout: 500, failures: 1 }, breaker: { maxCrashes: 3 } } } },
      FAST,
      { connect: connectHttp },
    );
    client = await connectClient(sandbox);
    const snapshot = await waitFor(async () => {
      const current = await client!.request<UnitSnapshot>('servers.status', { name: 'remote' });
      return current.state === 'running' ? current : undefined;
    });
    expect(snapshot.mode).toBe('connect');
    expect(snapshot.pid).toBeUndefined();
    expect(snapshot.log).toBeUndefined();
    const result = await client.request<{ structuredContent: { pid: number } }>('mcp.request', { name: 'remote', method: 'tools/call', params: { name: 'echo', arguments: { text: 'x' } } });
    expect(result.structuredContent.pid).toBe(httpServer!.pid);
    httpServer!.kill('SIGKILL');
    const down = await waitFor(async () => {
      const current = await client!.request<UnitSnapshot>('servers.status', { name: 'remote' });
      return current.state === 'failed' ? current : undefined;
    }, { timeoutMs: 15_000, what: 'remote marked failed' });
    expect(down.lastExit?.reason).toMatch(/health check failed|connect failed/);
  }, 30_000);
});

describe('launch plans', () => {
  const context = { baseDir: '/cfg', isServerType: (type: string) => type === 'fs', env: { PATH: '/bin' }, configPath: '/cfg/mcpctl.yaml', cli: { execPath: '/node', bin: '/mcpctl.js' } };

  it('runs hosted server types as `mcpctl serve <name> --config <file>`', () => {
    expect(planLaunch('files', { type: 'fs', roots: ['.'] }, { ...context, profile: 'dev' })).toEqual({
      kind: 'spawn',
      spec: { command: '/node', args: ['/mcpctl.js', 'serve', 'files', '--config', '/cfg/mcpctl.yaml', '--profile', 'dev'], env: { PATH: '/bin' }, cwd: '/cfg' },
    });
  });

  it('spawns stdio entries with their env over the daemon env and cwd relative to the config', () => {
    expect(planLaunch('t', { type: 'stdio', command: 'npx', args: ['-y', 'x'], env: { A: '1' }, cwd: 'sub' }, context)).toEqual({
      kind: 'spawn',
      spec: { command: 'npx', args: ['-y', 'x'], env: { PATH: '/bin', A: '1' }, cwd: '/cfg/sub' },
    });
  });

  it('connects to anything else, and explains what cannot run', () => {
    expect(planLaunch('r', { type: 'http', url: 'https://x' }, context)).toEqual({ kind: 'connect', transport: 'http' });
    expect(() => planLaunch('t', { type: 'stdio' }, context)).toThrow(/needs a `command`/);
    const { cli: _cli, ...withoutCli } = context;
    expect(() => planLaunch('files', { type: 'fs' }, withoutCli)).toThrow(/does not know where the mcpctl CLI is/);
  });

  it('says to restart the daemon for a transport its process has not loaded (a plugin installed after it started)', () => {
    const loaded = { ...context, canConnect: (transport: string) => transport === 'http' };
    expect(planLaunch('r', { type: 'http', url: 'https://x' }, loaded)).toEqual({ kind: 'connect', transport: 'http' });
    expect(() => planLaunch('q', { type: 'quic', url: 'https://x' }, loaded)).toThrow(/transport "quic" comes from a plugin this daemon has not loaded .*restart the daemon/);
  });
});

describe('metrics', () => {
  it('serves Prometheus text on 127.0.0.1: up, restarts, calls, errors, latency', async () => {
    running = await startTestDaemon(sandbox, { echo: fixtureEntry({}, { restart: 'always' }) }, { ...FAST, metrics: { port: 0 } });
    expect(running.daemon.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    client = await connectClient(sandbox);
    const first = await waitFor(async () => (await client!.request<UnitSnapshot>('servers.status', { name: 'echo' })).pid);
    await client.request('mcp.request', { name: 'echo', method: 'tools/call', params: { name: 'echo', arguments: { text: 'x' } } });
    await expect(client.request('mcp.request', { name: 'echo', method: 'prompts/get', params: { name: 'nope' } })).rejects.toThrow();
    process.kill(first, 'SIGKILL');
    await waitFor(async () => (await client!.request<UnitSnapshot>('servers.status', { name: 'echo' })).restarts === 1);
    const text = await (await fetch(running.daemon.metricsUrl!)).text();
    expect(text).toMatch(/mcpctl_server_up\{server="echo"\} [01]/);
    expect(text).toMatch(/mcpctl_server_restarts_total\{server="echo"\} 1/);
    expect(text).toMatch(/mcpctl_server_calls_total\{server="echo",method="tools\/call"\} 1/);
    expect(text).toMatch(/mcpctl_server_call_errors_total\{server="echo",method="prompts\/get"\} 1/);
    expect(text).toMatch(/mcpctl_server_call_duration_seconds_count\{server="echo",method="tools\/call"\} 1/);
    expect((await fetch(running.daemon.metricsUrl!.replace('/metrics', '/other'))).status).toBe(404);
  });
});
