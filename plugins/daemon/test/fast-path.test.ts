import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isDaemonRunnable } from '../src/fast-path/commands.js';
import { connectRpc } from '../src/rpc/client.js';
import { EXEC_METHOD } from '../src/rpc/protocol.js';
import { buildProjects, FIXTURE_SERVER, makeSandbox, PACKAGE_DIR, REPO, runCli, waitFor, type CliResult, type Sandbox } from './helpers.js';

// The daemon plugin is a built-in here (no MCPCTL_PLUGINS), as users have it.
beforeAll(() => buildProjects(join(REPO, 'cli'), PACKAGE_DIR), 120_000);

let sandbox: Sandbox;
let configFile: string;

const cli = (args: string[], options: Parameters<typeof runCli>[3] = {}): Promise<CliResult> => runCli(sandbox, configFile, args, options);

async function daemonStatus(): Promise<{ execs: { ran: number; declined: number } }> {
  return JSON.parse((await cli(['--json', 'daemon', 'status'])).stdout);
}

async function startDaemon(): Promise<number> {
  expect((await cli(['daemon', 'start'])).code).toBe(0);
  const echo = await waitFor(async () => {
    const list = JSON.parse((await cli(['--json', 'servers', 'list'])).stdout) as Array<{ name: string; state: string; pid?: number }>;
    return list.find((server) => server.name === 'echo' && server.state === 'running');
  });
  return echo.pid!;
}

beforeEach(() => {
  sandbox = makeSandbox();
  configFile = join(sandbox.root, 'mcpctl.config.json');
  writeFileSync(
    configFile,
    JSON.stringify({
      servers: { echo: { type: 'stdio', command: process.execPath, args: [FIXTURE_SERVER] } },
      pluginConfig: { '@mcpctl/plugin-daemon': { health: { interval: 0 } } },
    }),
  );
});
afterEach(async () => {
  await cli(['daemon', 'stop']);
  sandbox.cleanup();
});

/** What the fast path reads: remotable paths from the manifests (core's, as discovery records them) and the CLI's global options. */
const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8'));
const catalog = {
  remotable: (readJson(join(REPO, 'plugins', 'core', 'package.json')).mcpctl.provides.commands as Array<{ path: string[]; remotable?: boolean }>)
    .filter((command) => command.remotable)
    .map((command) => command.path),
  globals: readJson(join(REPO, 'cli', 'package.json')).mcpctl.globalOptions,
};
const isRunnable = (argv: string[], env: NodeJS.ProcessEnv) => isDaemonRunnable(argv, env, catalog);

describe('which invocations a thin client hands to the daemon', () => {
  it('client commands, after any global options; not with --no-daemon, help or MCPCTL_NO_DAEMON', () => {
    expect(isRunnable(['call', 'echo', 'echo', 'text=hi'], {})).toBe(true);
    expect(isRunnable(['--config', 'call', '--json', 'tools', 'echo'], {})).toBe(true);
    expect(isRunnable(['--log-level', 'debug', 'ping', 'echo'], {})).toBe(true);
    expect(isRunnable(['call', '--no-daemon', 'echo', 'echo'], {})).toBe(false);
    expect(isRunnable(['call', '--help'], {})).toBe(false);
    expect(isRunnable(['call', 'echo', 'echo'], { MCPCTL_NO_DAEMON: '1' })).toBe(false);
    expect(isRunnable(['config', 'show'], {})).toBe(false);
    expect(isRunnable(['daemon', 'status'], {})).toBe(false);
    expect(isRunnable(['--json'], {})).toBe(false);
    expect(isRunnable(['--', 'call'], {})).toBe(false);
  });
});

describe('client commands run inside a warm daemon (thin client)', () => {
  it('prints what --no-daemon prints, with the same exit codes and errors, answered by the supervised server', async () => {
    const supervisedPid = await startDaemon();
    const before = (await daemonStatus()).execs;

    const warm = await cli(['--json', 'call', 'echo', 'echo', 'text=hi']);
    const direct = await cli(['--json', 'call', '--no-daemon', 'echo', 'echo', 'text=hi']);
    expect(warm.code).toBe(0);
    expect(JSON.parse(warm.stdout).structuredContent).toEqual({ text: 'hi', pid: supervisedPid });
    expect(JSON.parse(direct.stdout).structuredContent.pid).not.toBe(supervisedPid);

    const tools = await cli(['tools', 'echo']);
    expect(tools).toEqual(await cli(['tools', '--no-daemon', 'echo']));

    const unknownTool = await cli(['call', 'echo', 'nosuch']);
    expect(unknownTool.code).toBe(2);
    expect(unknownTool.stderr).toMatch(/^error MCPCTL_CLIENT_UNKNOWN_TOOL: /);
    expect(unknownTool).toEqual(await cli(['call', '--no-daemon', 'echo', 'nosuch']));
    const jsonError = await cli(['--json', 'call', 'echo', 'nosuch']);
    expect(JSON.parse(jsonError.stdout)).toMatchObject({ code: 'MCPCTL_CLIENT_UNKNOWN_TOOL' });
    expect(jsonError).toEqual(await cli(['--json', 'call', '--no-daemon', 'echo', 'nosuch']));

    const badArgument = await cli(['call', 'echo', 'echo', 'text']);
    expect(badArgument.code).toBe(2);
    expect(badArgument).toEqual(await cli(['call', '--no-daemon', 'echo', 'echo', 'text']));

    const after = (await daemonStatus()).execs;
    expect(after.ran - before.ran).toBe(5);
    expect(after.declined - before.declined).toBe(0);
  }, 90_000);

  it('passes stdin through when the command reads it (--args-file -)', async () => {
    await startDaemon();
    const result = await cli(['--json', 'call', 'echo', 'echo', '--args-file', '-'], { input: JSON.stringify({ text: 'from stdin' }) });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).structuredContent.text).toBe('from stdin');
    expect((await daemonStatus()).execs.ran).toBe(1);
  }, 60_000);

  it('Ctrl-C cancels the call inside the daemon and exits 130', async () => {
    await startDaemon();
    const started = Date.now();
    // Ctrl-C once the call is running in the daemon's session (a fixed delay raced the CLI's start on a loaded machine).
    const startedFile = join(sandbox.root, 'slow-started');
    const result = await cli(['call', 'echo', 'slow', 'ms=30000', `startedFile=${startedFile}`], { signalWhen: () => existsSync(startedFile) });
    expect(result.code).toBe(130);
    expect(result.stderr).toMatch(/MCPCTL_INTERRUPTED/);
    expect(Date.now() - started).toBeLessThan(15_000);
    // The daemon and its session are fine afterwards.
    expect(JSON.parse((await cli(['--json', 'call', 'echo', 'echo', 'text=again'])).stdout).structuredContent.text).toBe('again');
  }, 60_000);

  it('hands back, having printed nothing, what it cannot run in its own process', async () => {
    await startDaemon();
    // An ad-hoc server would be spawned by the daemon: the CLI runs it itself.
    const adHoc = await cli(['--json', 'call', '--cmd', `${process.execPath} ${FIXTURE_SERVER}`, 'echo', 'text=ad hoc']);
    expect(adHoc.code).toBe(0);
    expect(JSON.parse(adHoc.stdout).structuredContent.text).toBe('ad hoc');
    // A plugin the daemon has not loaded.
    const withPlugin = await cli(['--json', 'call', 'echo', 'echo', 'text=plugin'], { env: { MCPCTL_PLUGINS: join(REPO, 'test', 'fixtures', 'plugins', 'good-esm') } });
    expect(withPlugin.code).toBe(0);
    expect(JSON.parse(withPlugin.stdout).structuredContent.text).toBe('plugin');
    expect((await daemonStatus()).execs).toEqual({ ran: 0, declined: 2 });

    // Another mcpctl version, or a command the daemon does not run, is declined on the socket.
    const client = await connectRpc(sandbox.paths.socket);
    try {
      const exec = (argv: string[], version = '0.1.0') =>
        client.request(EXEC_METHOD, { argv: ['--config', configFile, ...argv], cwd: sandbox.root, env: { ...sandbox.env }, version, tty: {} });
      expect(await exec(['call', 'echo', 'echo', 'text=x'], '99.0.0')).toEqual({ ran: false, reason: expect.stringMatching(/99\.0\.0/) });
      expect(await exec(['config', 'show'])).toEqual({ ran: false, reason: expect.any(String) });
      await expect(client.request(EXEC_METHOD, { argv: 'call' })).rejects.toThrow(/argv/);
    } finally {
      client.close();
    }
  }, 90_000);

  it('without a daemon, the same command runs in the CLI', async () => {
    const result = await cli(['--json', 'call', 'echo', 'echo', 'text=alone']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).structuredContent.text).toBe('alone');
  }, 60_000);
});
