import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildProjects, FIXTURE_SERVER, makeSandbox, PACKAGE_DIR, processRunning, runCli, waitFor, type CliResult, type Sandbox } from './helpers.js';

beforeAll(() => buildProjects(PACKAGE_DIR), 120_000);

let sandbox: Sandbox;
let configFile: string;

/** Run the real CLI with the sandbox's HOME/XDG dirs and this plugin loaded. */
async function mcpctl(args: string[], options: { allowFailure?: boolean } = {}): Promise<CliResult> {
  const result = await runCli(sandbox, configFile, args, { env: { MCPCTL_PLUGINS: PACKAGE_DIR } });
  if (result.code !== 0 && !options.allowFailure) throw new Error(`mcpctl ${args.join(' ')} failed (${result.code}): ${result.stderr}`);
  return result;
}

async function status(): Promise<{ pid: number; servers: Record<string, number> }> {
  return JSON.parse((await mcpctl(['--json', 'daemon', 'status'])).stdout);
}

async function serverList(): Promise<Array<{ name: string; state: string; pid?: number }>> {
  return JSON.parse((await mcpctl(['--json', 'servers', 'list'])).stdout);
}

beforeEach(() => {
  sandbox = makeSandbox();
  configFile = join(sandbox.root, 'mcpctl.config.json');
  const entry = (extra: Record<string, unknown> = {}) => ({ type: 'stdio', command: process.execPath, args: [FIXTURE_SERVER], ...extra });
  writeFileSync(
    configFile,
    JSON.stringify({
      servers: { echo: entry(), other: entry({ env: { FIXTURE_NAME: 'other' } }) },
      pluginConfig: { '@mcpctl/plugin-daemon': { health: { interval: 0 }, backoff: { initial: 50 } } },
    }),
  );
});
afterEach(async () => {
  await mcpctl(['daemon', 'stop'], { allowFailure: true });
  sandbox.cleanup();
});

describe('mcpctl daemon / servers (end to end through the CLI)', () => {
  it('daemon status fails with exit code 3 when no daemon runs; stop is then a no-op', async () => {
    const result = await mcpctl(['daemon', 'status'], { allowFailure: true });
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/MCPCTL_DAEMON_NOT_RUNNING/);
    expect((await mcpctl(['daemon', 'stop'])).stdout).toMatch(/not running/);
  });

  it('daemon start with an invalid config fails with the config error and starts nothing', async () => {
    writeFileSync(configFile, JSON.stringify({ servers: { bad: { type: 'nosuchtype' } } }));
    const result = await mcpctl(['daemon', 'start'], { allowFailure: true });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/MCPCTL_CONFIG_INVALID/);
    expect((await mcpctl(['daemon', 'status'], { allowFailure: true })).code).toBe(3);
  });

  it('two `daemon start` at once: both succeed, one daemon runs', async () => {
    const [first, second] = await Promise.all([mcpctl(['daemon', 'start']), mcpctl(['daemon', 'start'])]);
    const outputs = [first.stdout, second.stdout].sort();
    expect(outputs[0]).toMatch(/^daemon already running \(pid \d+/);
    expect(outputs[1]).toMatch(/^daemon started \(pid \d+/);
    const { pid } = await status();
    expect(outputs.every((text) => text.includes(`pid ${pid}`))).toBe(true);
  }, 60_000);

  it('50 concurrent `mcpctl call` go through the warm daemon session with no error and no crossed responses', async () => {
    await mcpctl(['daemon', 'start']);
    const echo = await waitFor(async () => (await serverList()).find((server) => server.name === 'echo' && server.state === 'running'));
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, index) => mcpctl(['--json', 'call', 'echo', 'echo', `text=call-${index}`]).then((result) => JSON.parse(result.stdout))),
    );
    results.forEach((result, index) => {
      expect(result.structuredContent.text).toBe(`call-${index}`);
      // Answered by the daemon's child, not a server spawned by the CLI.
      expect(result.structuredContent.pid).toBe(echo.pid);
    });
  }, 120_000);

  it('kill -9 of the daemon, then `daemon start`, restores the running set', async () => {
    await mcpctl(['daemon', 'start']);
    await waitFor(async () => (await serverList()).every((server) => server.state === 'running'));
    await mcpctl(['servers', 'stop', 'other']);
    const before = await serverList();
    const { pid } = await status();
    process.kill(pid, 'SIGKILL');
    await waitFor(() => !processRunning(pid), { what: 'daemon gone' });
    const echoPid = before.find((server) => server.name === 'echo')!.pid!;
    await waitFor(() => !processRunning(echoPid), { what: 'child exits with the daemon' });
    expect((await mcpctl(['daemon', 'start'])).stdout).toMatch(/daemon started/);
    const after = await waitFor(async () => {
      const list = await serverList();
      return list.find((server) => server.name === 'echo')?.state === 'running' ? list : undefined;
    });
    expect(after.find((server) => server.name === 'other')!.state).toBe('stopped');
  }, 60_000);

  it('runs mcpctl\'s own server types as `mcpctl serve <name>` children (a SQLite db server)', async () => {
    const { DatabaseSync } = await import('node:sqlite');
    const database = new DatabaseSync(join(sandbox.root, 'sample.db'));
    database.exec('CREATE TABLE t (a INTEGER); INSERT INTO t VALUES (1), (2), (3);');
    database.close();
    writeFileSync(configFile, JSON.stringify({ servers: { sample: { type: 'db', url: `sqlite:${join(sandbox.root, 'sample.db')}` } } }));
    await mcpctl(['daemon', 'start']);
    const sample = await waitFor(async () => (await serverList()).find((server) => server.name === 'sample' && server.state === 'running'));
    const result = JSON.parse((await mcpctl(['--json', 'call', 'sample', 'query', 'sql=SELECT count(*) AS n FROM t'])).stdout);
    expect(result.structuredContent.rows).toEqual([[3]]);
    const status = JSON.parse((await mcpctl(['--json', 'servers', 'status', 'sample'])).stdout);
    expect(status).toMatchObject({ mode: 'spawn', pid: sample.pid, calls: expect.any(Number) });
    expect(status.calls).toBeGreaterThanOrEqual(1);
    expect((await mcpctl(['servers', 'logs', 'sample'])).stdout).toMatch(/starting: .* serve sample --config /);
  }, 60_000);

  it('servers list / status / restart / logs and daemon reload', async () => {
    await mcpctl(['daemon', 'start']);
    await waitFor(async () => (await serverList()).every((server) => server.state === 'running'));
    const table = (await mcpctl(['servers', 'list'])).stdout;
    expect(table).toMatch(/^NAME\s+TYPE\s+STATE\s+PID\s+UPTIME\s+RESTARTS\s+LAST EXIT\s+HEALTH/);
    expect(table).toMatch(/echo\s+stdio\s+running\s+\d+/);
    expect((await mcpctl(['servers', 'status', 'echo'])).stdout).toMatch(/state\s+running/);
    expect((await mcpctl(['servers', 'restart', '--all'])).stdout).toMatch(/echo: restarted \(pid \d+\)\nother: restarted/);
    expect((await mcpctl(['servers', 'logs', 'echo', '--lines', '50'])).stdout).toMatch(/fixture fixture started pid \d+/);
    const unknown = await mcpctl(['servers', 'status', 'nope'], { allowFailure: true });
    expect(unknown.code).toBe(2);
    const config = JSON.parse(readFileSync(configFile, 'utf8'));
    delete config.servers.other;
    writeFileSync(configFile, JSON.stringify(config));
    expect((await mcpctl(['daemon', 'reload'])).stdout).toMatch(/reloaded: removed other; 1 unchanged/);
    writeFileSync(configFile, '{ "servers": ');
    const rejected = await mcpctl(['daemon', 'reload'], { allowFailure: true });
    expect(rejected.code).not.toBe(0);
    expect(rejected.stderr).toMatch(/MCPCTL_CONFIG_PARSE|MCPCTL_CONFIG_LOAD/);
    expect((await serverList()).map((server) => server.name)).toEqual(['echo']);
  }, 60_000);
});
