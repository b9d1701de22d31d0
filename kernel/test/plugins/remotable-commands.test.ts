import { existsSync, mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Kernel } from '../../src/kernel.js';
import { createLazyLogger } from '../../src/logger.js';
import { cachedRemotableCommands, discoveryCacheFile, remotableCacheFile } from '../../src/plugins/remotable-commands.js';
import { REPO } from '../../../test/helpers/cli.js';

describe('remotable commands from the discovery cache (the daemon fast path)', () => {
  it('lists the paths manifests mark remotable, as the last boot recorded them', async () => {
    const home = mkdtempSync(join(tmpdir(), 'mcpctl-remotable-'));
    const env = { HOME: home, XDG_CACHE_HOME: join(home, 'cache') };
    expect(cachedRemotableCommands(env)).toBeUndefined();
    const kernel = await Kernel.boot({
      cwd: home,
      env,
      logger: createLazyLogger({ level: 'silent', pretty: false }),
      builtins: ['@mcpctl/plugin-core', '@mcpctl/plugin-daemon'],
      builtinBase: join(REPO, 'cli'),
    });
    const fromCatalog = kernel.plugins.commands().filter((command) => command.remotable).map((command) => command.path.join(' ')).sort();
    expect(fromCatalog).toEqual(['call', 'ping', 'prompt', 'prompts', 'read', 'resources', 'templates', 'tools']);
    expect(cachedRemotableCommands(env)?.map((path) => path.join(' ')).sort()).toEqual(fromCatalog);
    expect(discoveryCacheFile(env)).toBe(join(home, 'cache', 'mcpctl', 'discovery.json'));
    // The companion file the thin client reads instead of the whole cache.
    expect(existsSync(join(home, 'cache', 'mcpctl', 'remotable.json'))).toBe(true);
  });

  it('uses the companion file only while it matches the discovery cache it was written with', () => {
    const home = mkdtempSync(join(tmpdir(), 'mcpctl-remotable-'));
    const env = { HOME: home, XDG_CACHE_HOME: join(home, 'cache') };
    mkdirSync(join(home, 'cache', 'mcpctl'), { recursive: true });
    const discovery = discoveryCacheFile(env);
    writeFileSync(discovery, JSON.stringify({ entries: { a: { inspected: { record: { state: 'discovered', manifest: { provides: { commands: [{ path: ['from', 'cache'], remotable: true }] } } } } } } }));
    const stat = statSync(discovery);
    writeFileSync(remotableCacheFile(discovery), JSON.stringify({ discovery: `${stat.mtimeMs}:${stat.size}`, commands: [['from', 'companion']] }));
    expect(cachedRemotableCommands(env)).toEqual([['from', 'companion']]);
    // Written with another cache (a plugin was installed since, say): the cache itself decides.
    writeFileSync(remotableCacheFile(discovery), JSON.stringify({ discovery: '1:2', commands: [['stale']] }));
    expect(cachedRemotableCommands(env)).toEqual([['from', 'cache']]);
    writeFileSync(remotableCacheFile(discovery), JSON.stringify({ discovery: `${stat.mtimeMs}:${stat.size}`, commands: 'bad' }));
    expect(cachedRemotableCommands(env)).toEqual([['from', 'cache']]);
  });

  it('reads nothing from a cache it cannot parse, and skips malformed and failed entries', () => {
    const home = mkdtempSync(join(tmpdir(), 'mcpctl-remotable-'));
    const env = { HOME: home, XDG_CACHE_HOME: join(home, 'cache') };
    mkdirSync(join(home, 'cache', 'mcpctl'), { recursive: true });
    writeFileSync(discoveryCacheFile(env), '{ not json');
    expect(cachedRemotableCommands(env)).toBeUndefined();
    writeFileSync(
      discoveryCacheFile(env),
      JSON.stringify({
        entries: {
          a: { inspected: { record: { state: 'discovered', manifest: { provides: { commands: [{ path: ['x', 'y'], remotable: true }, { path: ['z'] }, { path: 'bad', remotable: true }] } } } } },
          b: { inspected: { record: { state: 'failed', manifest: { provides: { commands: [{ path: ['broken'], remotable: true }] } } } } },
          c: null,
        },
      }),
    );
    expect(cachedRemotableCommands(env)).toEqual([['x', 'y']]);
  });
});
