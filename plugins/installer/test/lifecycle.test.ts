import { cpSync, existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, snapshot, type TestUser, useWorld } from './helpers/world.js';

const shared = useWorld();
const newUser = () => shared.newUser();

describe('outdated, update, uninstall', () => {
  let user: TestUser;
  beforeAll(() => {
    user = newUser();
    expect(user.run(['plugins', 'install', 'mcpctl-plugin-greet@1.0.0']).code).toBe(0);
  });

  it('outdated lists wanted (within the recorded range, API-compatible) and latest', () => {
    const report = user.json(['plugins', 'outdated']);
    // 1.0.0 was asked for exactly, so the kept range is ^1.0.0; 2.0.0 needs plugin API 9.
    expect(report.plugins).toEqual([{ name: 'mcpctl-plugin-greet', current: '1.0.0', range: '^1.0.0', wanted: '1.1.0', latest: '2.0.0', latestFits: false, outdated: true }]);
    const text = user.run(['plugins', 'outdated']);
    expect(text.stdout).toMatch(/mcpctl-plugin-greet\t1\.0\.0\t1\.1\.0\t2\.0\.0 \(needs another plugin API\)/);
  });

  it('update moves within the range, atomically, and the new version runs', () => {
    const updated = user.json(['plugins', 'update']);
    expect(updated.installed).toMatchObject([{ name: 'mcpctl-plugin-greet', version: '1.1.0', previous: '1.0.0' }]);
    expect(user.run(['greet']).stdout.trim()).toBe('hello world from 1.1.0');
    // The old version's store directory is collected.
    expect(readdirSync(join(user.pluginDir, '.store')).filter((dir) => dir.startsWith('mcpctl-plugin-greet@'))).toHaveLength(1);
    expect(user.json(['plugins', 'update']).upToDate).toEqual([{ name: 'mcpctl-plugin-greet', version: '1.1.0' }]);
  });

  it('uninstall removes the plugin, its store directory and its record; its command is gone; it says where the config still uses it', () => {
    writeFileSync(join(user.home, 'mcpctl.config.yaml'), 'servers:\n  hello: { type: greeter }\n  other: { type: stdio, command: "true" }\n');
    const removed = user.json(['plugins', 'uninstall', 'mcpctl-plugin-greet']);
    expect(removed.uninstalled).toEqual([{ name: 'mcpctl-plugin-greet', version: '1.1.0', linked: false }]);
    expect(removed.stillUsed).toEqual(['servers.hello has type greeter (from mcpctl-plugin-greet)']);
    expect(user.run(['config', 'validate']).code).toBe(2);
    rmSync(join(user.home, 'mcpctl.config.yaml'));
    expect(user.record().plugins).toEqual({});
    expect(readdirSync(join(user.pluginDir, '.store'))).toEqual([]);
    expect(user.run(['--help']).stdout).not.toContain('greet');
    const again = user.run(['plugins', 'uninstall', 'mcpctl-plugin-greet', '--json']);
    expect(again.code).toBe(2);
    expect(JSON.parse(again.stdout).code).toBe('MCPCTL_PLUGIN_NOT_INSTALLED');
  });
});

describe('reinstalling what the config names, from the record', () => {
  it('installs exactly the recorded versions on another machine, like npm ci', () => {
    const first = newUser();
    expect(first.run(['plugins', 'install', 'mcpctl-plugin-greet@1.0.0', 'mcpctl-plugin-cjs-fixture']).code).toBe(0);
    const config = 'plugins:\n  - mcpctl-plugin-greet@^1.0.0\n  - mcpctl-plugin-cjs-fixture\n';

    // Another machine: only the config and plugins.json travel.
    const second = newUser();
    writeFileSync(join(second.home, 'mcpctl.config.yaml'), config);
    cpSync(join(first.pluginDir, 'plugins.json'), join(second.pluginDir, 'plugins.json'), { recursive: true });
    const result = second.json(['plugins', 'install']);
    // 1.1.0 fits ^1.0.0 too, but the record says 1.0.0.
    expect(result.installed.map((item: { name: string; version: string }) => `${item.name}@${item.version}`).sort()).toEqual(['mcpctl-plugin-cjs-fixture@1.0.0', 'mcpctl-plugin-greet@1.0.0']);
    expect(second.record().plugins['mcpctl-plugin-greet'].integrity).toBe(first.record().plugins['mcpctl-plugin-greet'].integrity);
    expect(second.run(['greet']).stdout.trim()).toBe('hello world from 1.0.0');
    const list = second.json(['plugins', 'list']);
    expect(list.find((plugin: { name: string }) => plugin.name === 'mcpctl-plugin-greet')).toMatchObject({ source: 'config', version: '1.0.0' });

    // Run again: nothing to do.
    expect(second.json(['plugins', 'install']).upToDate).toHaveLength(2);

    // Without a record the range decides.
    const third = newUser();
    writeFileSync(join(third.home, 'mcpctl.config.yaml'), config);
    expect(third.json(['plugins', 'install']).installed.find((item: { name: string }) => item.name === 'mcpctl-plugin-greet').version).toBe('1.1.0');
  });
});

describe('link', () => {
  it('uses a working copy in place, shown as linked; uninstall removes only the link', () => {
    const user = newUser();
    const copy = mkdtempSync(join(tmpdir(), 'mcpctl-working-copy-'));
    cpSync(join(FIXTURES, 'cjs'), copy, { recursive: true });
    const linked = user.json(['plugins', 'link', copy]);
    expect(linked.linked).toMatchObject({ name: 'mcpctl-plugin-cjs-fixture', path: realpathSync(copy) });
    expect(lstatSync(join(user.pluginDir, 'mcpctl-plugin-cjs-fixture')).isSymbolicLink()).toBe(true);
    expect(user.run(['cjs-hello']).stdout.trim()).toBe('hello from commonjs');
    const list = user.json(['plugins', 'list']);
    expect(list.find((plugin: { name: string }) => plugin.name === 'mcpctl-plugin-cjs-fixture')).toMatchObject({ source: 'linked' });
    // Not from a registry: update has nothing to look for, and says so.
    const update = user.run(['plugins', 'update', 'mcpctl-plugin-cjs-fixture', '--json']);
    expect(update.code).toBe(2);
    expect(JSON.parse(update.stdout)).toMatchObject({ code: 'MCPCTL_UPDATE_NOT_FROM_REGISTRY', message: `mcpctl-plugin-cjs-fixture was installed from a linked working copy (${realpathSync(copy)}), not from a registry: there is no newer version to look for` });
    expect(user.run(['plugins', 'update']).stdout.trim()).toBe('Nothing to update: no plugin was installed from a registry.');

    // An edit in the working copy takes effect at once (the discovery cache notices).
    writeFileSync(join(copy, 'index.cjs'), readFileSync(join(copy, 'index.cjs'), 'utf8').replace('hello from commonjs', 'edited in place'));
    expect(user.run(['cjs-hello']).stdout.trim()).toBe('edited in place');

    expect(user.json(['plugins', 'uninstall', 'mcpctl-plugin-cjs-fixture']).uninstalled).toEqual([{ name: 'mcpctl-plugin-cjs-fixture', version: '1.0.0', linked: true }]);
    expect(existsSync(join(copy, 'package.json'))).toBe(true);
    expect(user.run(['cjs-hello']).code).toBe(2);
  });

  it('refuses a directory that is not a plugin', () => {
    const user = newUser();
    const result = user.run(['plugins', 'link', join(FIXTURES, 'not-a-plugin'), '--json']);
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stdout).code).toBe('MCPCTL_LINK_INVALID');
  });
});

describe('search', () => {
  it('finds plugins by the mcpctl-plugin keyword, with what they provide', () => {
    const user = newUser();
    const found = user.json(['plugins', 'search', 'greet']);
    const greet = found.results.find((result: { name: string }) => result.name === 'mcpctl-plugin-greet');
    expect(greet).toMatchObject({ version: '2.0.0', apiVersion: '^9.0.0', provides: { commands: ['greet'], serverTypes: ['greeter'] } });
    // Packages without the keyword are not plugins.
    expect(found.results.map((result: { name: string }) => result.name)).not.toContain('mcpctl-fixture-greet-dep');
    const text = user.run(['plugins', 'search', 'greet']);
    expect(text.stdout).toContain('mcpctl-plugin-greet@2.0.0 — Fixture: an ESM plugin');
    expect(user.json(['plugins', 'search', 'no-such-words-anywhere']).results).toEqual([]);
  });
});

describe('interruptions and concurrency', () => {
  it('an install killed with SIGKILL halfway leaves the previous version loading, and the next install cleans up', async () => {
    const user = newUser();
    expect(user.run(['plugins', 'install', 'mcpctl-plugin-greet@1.0.0']).code).toBe(0);
    const before = snapshot(user.pluginDir);
    // Slow the setup check down so the kill lands after staging, before the swap.
    const child = user.start(['plugins', 'install', 'mcpctl-plugin-greet@1.1.0'], { env: { NODE_OPTIONS: `--import=${join(FIXTURES, 'slow-start.mjs')}` } });
    await waitFor(() => readdirSync(join(user.pluginDir, '.store')).some((dir) => dir.startsWith('mcpctl-plugin-greet@1.1.0')) && existsSync(join(user.pluginDir, '.lock')));
    await new Promise((resolve) => setTimeout(resolve, 300));
    process.kill(-child.pid!, 'SIGKILL');
    await child.output;
    expect(user.run(['greet']).stdout.trim()).toBe('hello world from 1.0.0');
    expect(user.record().plugins['mcpctl-plugin-greet'].version).toBe('1.0.0');

    // The killed install's lock goes stale; the next install takes it and collects the leftovers.
    const next = user.run(['plugins', 'install', 'mcpctl-plugin-greet@1.1.0']);
    expect(next.code, next.stderr).toBe(0);
    expect(user.run(['greet']).stdout.trim()).toBe('hello world from 1.1.0');
    expect(readdirSync(join(user.pluginDir, '.store')).filter((dir) => dir.startsWith('mcpctl-plugin-greet@'))).toEqual([expect.stringMatching(/^mcpctl-plugin-greet@1\.1\.0-/)]);
    expect(snapshot(user.pluginDir)).not.toBe(before);
  }, 60_000);

  it('two installs at once are serialised by the lock and both land', async () => {
    const user = newUser();
    const a = user.start(['plugins', 'install', 'mcpctl-plugin-greet@^1', '--json']);
    const b = user.start(['plugins', 'install', 'mcpctl-plugin-cjs-fixture', '--json']);
    const [resultA, resultB] = await Promise.all([a.output, b.output]);
    expect(resultA.code, resultA.stdout + resultA.stderr).toBe(0);
    expect(resultB.code, resultB.stdout + resultB.stderr).toBe(0);
    expect(Object.keys(user.record().plugins).sort()).toEqual(['mcpctl-plugin-cjs-fixture', 'mcpctl-plugin-greet']);
    expect(user.run(['greet']).code).toBe(0);
    expect(user.run(['cjs-hello']).code).toBe(0);
  }, 60_000);
});

describe('with the daemon running', () => {
  it('a reload supervises a server of a type installed after the daemon started, calls go through it, and a restart serves an update', async () => {
    const user = newUser();
    const config = join(user.home, 'mcpctl.config.yaml');
    writeFileSync(config, 'servers: {}\n');
    expect(user.run(['daemon', 'start']).code).toBe(0);
    try {
      expect(user.run(['plugins', 'install', 'mcpctl-plugin-greet@1.0.0']).code).toBe(0);
      writeFileSync(config, 'servers:\n  hello: { type: greeter, prefix: "> " }\n');
      expect(user.json(['daemon', 'reload'])).toMatchObject({ added: ['hello'] });
      // The daemon booted before the plugin existed: the reload's fresh process told it that
      // greeter is a server type, so it runs `mcpctl serve hello` rather than looking for a transport.
      type Status = { mode?: string; state?: string; pid?: number; session?: { serverInfo?: { version?: string } } };
      let status: Status = {};
      await waitFor(() => (status = user.json(['servers', 'status', 'hello'])).state === 'running' && status.session !== undefined);
      expect(status.mode).toBe('spawn');
      expect(status.session?.serverInfo?.version).toBe('1.0.0');
      const execs = () => user.json(['daemon', 'status']).execs as { ran: number; declined: number };
      const before = execs();
      expect(user.json(['call', 'hello', 'greet', 'name=Ada']).content).toEqual([{ type: 'text', text: '> hello Ada' }]);
      // Run inside the daemon, which imported the new plugin for it.
      expect(execs()).toEqual({ ran: before.ran + 1, declined: before.declined });
      // An update changes nothing that runs: the server keeps its version until it is restarted.
      expect(user.run(['plugins', 'install', 'mcpctl-plugin-greet@1.1.0']).code).toBe(0);
      expect(user.json(['call', 'hello', 'greet', 'name=Bob']).content).toEqual([{ type: 'text', text: '> hello Bob' }]);
      expect(user.json(['servers', 'status', 'hello']).session).toMatchObject({ serverInfo: { version: '1.0.0' } });
      const oldPid = status.pid;
      expect(user.run(['servers', 'restart', 'hello']).code).toBe(0);
      await waitFor(() => (status = user.json(['servers', 'status', 'hello'])).state === 'running' && status.pid !== oldPid && status.session !== undefined);
      expect(status.session?.serverInfo?.version).toBe('1.1.0');
      expect(execs().ran).toBe(before.ran + 2);
    } finally {
      user.run(['daemon', 'stop']);
    }
  }, 60_000);
});

async function waitFor(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
