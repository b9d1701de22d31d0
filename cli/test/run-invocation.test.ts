import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import type { ClientSession, InvocationOptions, SessionRequest } from '@mcpctl/kernel';
import type { Kernel } from '@mcpctl/kernel/runtime';
import { createLazyLogger } from '@mcpctl/kernel/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { bootKernel } from '../src/boot-kernel.js';
import { runInvocation } from '../src/run-invocation.js';

const home = mkdtempSync(join(tmpdir(), 'mcpctl-invocation-'));
const env = { HOME: home, XDG_CACHE_HOME: join(home, 'cache'), XDG_CONFIG_HOME: join(home, 'config'), XDG_DATA_HOME: join(home, 'data'), PATH: process.env.PATH };
const configFile = join(home, 'mcpctl.config.json');
const globals = { logLevel: 'silent' as const, json: false, safeMode: false, help: false };

/** A session like the daemon's warm one, answering tools/list. */
const warm: ClientSession = {
  serverInfo: { name: 'echo-server', version: '1.0.0' },
  protocolVersion: '2025-11-25',
  capabilities: { tools: {} },
  async request<T>(method: string): Promise<T> {
    if (method === 'tools/list') return { tools: [{ name: 'echo', description: 'Echoes its text', inputSchema: { type: 'object', properties: { text: { type: 'string' } } } }] } as T;
    throw new Error(`unexpected ${method}`);
  },
  async close() {},
};

const bootRunner = () => bootKernel(globals, { cwd: home, env, logger: createLazyLogger({ level: 'silent', pretty: false }) });

async function run(argv: string[], offer: (request: SessionRequest) => Promise<ClientSession | undefined> = async () => warm, runner?: Kernel, extraEnv: NodeJS.ProcessEnv = {}) {
  runner ??= await bootRunner();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const offered: string[] = [];
  const options: InvocationOptions = {
    cwd: home,
    env: { ...env, ...extraEnv },
    signal: new AbortController().signal,
    offerSession: async (request) => {
      offered.push(request.name);
      return offer(request);
    },
  };
  const outcome = await runInvocation(runner, argv, { stdin: Readable.from([]), stdout, stderr }, options);
  return { outcome, stdout: stdout.read()?.toString() ?? '', stderr: stderr.read()?.toString() ?? '', offered };
}

beforeAll(() => {
  writeFileSync(configFile, JSON.stringify({ servers: { echo: { type: 'stdio', command: process.execPath, args: ['server.js'] } } }));
});

describe('runInvocation (what the daemon runs for a thin client)', () => {
  it('runs a remotable command against the session it is offered, printing what the CLI would', async () => {
    const { outcome, stdout, offered } = await run(['--config', configFile, 'tools', 'echo']);
    expect(outcome).toEqual({ ran: true, exitCode: 0 });
    expect(offered).toEqual(['echo']);
    expect(stdout).toContain('echo');
    expect(stdout).toContain('Echoes its text');
  });

  it('runs the same command again in the same process, each run printing to its own streams', async () => {
    const runner = await bootRunner();
    const first = await run(['--config', configFile, 'tools', 'echo'], undefined, runner);
    const second = await run(['--config', configFile, 'tools', 'echo', '--json'], undefined, runner);
    expect(first.stdout).toContain('Echoes its text');
    expect(JSON.parse(second.stdout)).toEqual({ tools: [expect.objectContaining({ name: 'echo', description: 'Echoes its text' })] });
    expect(first.stdout).not.toBe(second.stdout);
  });

  it('declines, printing nothing, a command whose manifest entry is not remotable', async () => {
    const { outcome, stdout, stderr } = await run(['--config', configFile, 'config', 'show']);
    expect(outcome).toEqual({ ran: false, reason: '`config show` is not remotable' });
    expect(stdout + stderr).toBe('');
  });

  it('declines what would spawn or connect in this process: no session offered, or an ad-hoc server', async () => {
    const noSession = await run(['--config', configFile, 'tools', 'echo'], async () => undefined);
    expect(noSession.outcome).toMatchObject({ ran: false, reason: expect.stringMatching(/stdio connection to echo/) });
    expect(noSession.stdout + noSession.stderr).toBe('');
    const adHoc = await run(['--config', configFile, 'tools', '--cmd', `${process.execPath} server.js`]);
    expect(adHoc.outcome).toMatchObject({ ran: false });
    expect(adHoc.offered).toEqual([]);
  });

  it('declines help and bad global options, and an unknown command', async () => {
    expect((await run(['tools', '--help'])).outcome).toEqual({ ran: false, reason: 'help is rendered by the invoker' });
    expect((await run(['--log-level', 'loud', 'tools', 'echo'])).outcome).toMatchObject({ ran: false, reason: expect.stringMatching(/bad global options/) });
    expect((await run(['no-such-command'])).outcome).toEqual({ ran: false, reason: 'not a command' });
  });
});

/** A plugin package whose setup taps config.transform, so every command that loads the config imports it. */
function transformerPlugin(dir: string, name: string, version: string): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, version, type: 'module', mcpctl: { apiVersion: '^1.0.0', entry: './index.js', provides: { taps: ['config.transform'] } } }));
  writeFileSync(join(dir, 'index.js'), `export default { name: ${JSON.stringify(name)}, setup(ctx) { ctx.hooks.config.transform.tapPromise(async (config) => config); } };\n`);
  return dir;
}

describe('plugins the invocation brings, that the runner booted without', () => {
  const userFolder = join(home, 'data', 'mcpctl', 'plugins');
  const link = join(userFolder, 'mcpctl-plugin-transformer');

  // As `plugins install` leaves them: a store directory per install, linked from the folder.
  const installed = (id: string, version: string) => {
    transformerPlugin(join(userFolder, '.store', id, 'node_modules', 'mcpctl-plugin-transformer'), 'mcpctl-plugin-transformer', version);
    symlinkSync(join('.store', id, 'node_modules', 'mcpctl-plugin-transformer'), link);
  };

  it('imports one installed in the user plugin folder (after the daemon started), and never a second copy of it', async () => {
    const runner = await bootRunner();
    installed('transformer@1.0.0-a', '1.0.0');
    try {
      const first = await run(['--config', configFile, 'tools', 'echo'], undefined, runner);
      expect(first.outcome).toEqual({ ran: true, exitCode: 0 });
      // The same copy again: fine.
      expect((await run(['--config', configFile, 'tools', 'echo'], undefined, runner)).outcome).toEqual({ ran: true, exitCode: 0 });
      // Updated in place of the first, which this process has imported: handed back.
      rmSync(link);
      installed('transformer@2.0.0-b', '2.0.0');
      const second = await run(['--config', configFile, 'tools', 'echo'], undefined, runner);
      expect(second.outcome).toEqual({ ran: false, reason: expect.stringMatching(/^plugins this process does not have: mcpctl-plugin-transformer@2\.0\.0 /) });
      expect(second.stdout + second.stderr).toBe('');
    } finally {
      rmSync(link, { force: true });
    }
  });

  it('declines one from anywhere else: MCPCTL_PLUGINS, a config\'s plugins: list, a linked working copy (whose code may change in place)', async () => {
    const dir = transformerPlugin(join(home, 'elsewhere', 'env-plugin'), 'mcpctl-plugin-env-only', '1.0.0');
    const fromEnv = (await run(['--config', configFile, 'tools', 'echo'], undefined, undefined, { MCPCTL_PLUGINS: dir })).outcome;
    expect(fromEnv).toEqual({ ran: false, reason: expect.stringMatching(/^plugins this process does not have: mcpctl-plugin-env-only@1\.0\.0 /) });
    const runner = await bootRunner();
    symlinkSync(transformerPlugin(join(home, 'working-copy'), 'mcpctl-plugin-transformer', '3.0.0'), link);
    try {
      const linked = (await run(['--config', configFile, 'tools', 'echo'], undefined, runner)).outcome;
      expect(linked).toEqual({ ran: false, reason: expect.stringMatching(/^plugins this process does not have: mcpctl-plugin-transformer@3\.0\.0 /) });
    } finally {
      rmSync(link, { force: true });
    }
  });
});
