import { cpSync, mkdirSync, mkdtempSync, readFileSync, renameSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { discoverPlugins } from '../../src/plugins/discover.js';
import { DiscoveryCache } from '../../src/plugins/discovery-cache.js';
import { Catalog } from '../../src/plugins/catalog.js';
import { FIXTURE_PLUGINS, REPO } from '../../../test/helpers/cli.js';

function plugin(dir: string, name: string, extra: Record<string, unknown> = {}): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, version: '1.0.0', type: 'module', mcpctl: { apiVersion: '^1.0.0', entry: './index.js', ...extra } }));
  writeFileSync(join(dir, 'index.js'), `export default { name: ${JSON.stringify(name)}, setup() {} };`);
  return dir;
}

describe('plugin discovery', () => {
  let root: string;
  let userDir: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'mcpctl-discovery-'));
    userDir = join(root, 'user-plugins');
    mkdirSync(userDir);
  });
  const sources = (overrides: Partial<Parameters<typeof discoverPlugins>[0]> = {}) => ({
    builtins: ['@mcpctl/plugin-core'], builtinBase: join(REPO, 'cli'), configPlugins: [], configDir: root, userDir, envList: undefined, safeMode: false, ...overrides,
  });

  it('orders precedence MCPCTL_PLUGINS > config > user folder > built-in, and shadows duplicates with a warning', async () => {
    plugin(join(userDir, 'dup'), 'dup');
    const fromConfig = plugin(join(root, 'cfg-dup'), 'dup');
    const fromEnv = plugin(join(root, 'env-dup'), 'dup');
    const result = await discoverPlugins(sources({ configPlugins: ['./cfg-dup'], envList: fromEnv }), '1.0.0', undefined);
    const copies = result.records.filter((record) => record.name === 'dup');
    expect(copies.map((record) => [record.source, record.state])).toEqual([['env', 'discovered'], ['user', 'shadowed'], ['config', 'shadowed']]);
    expect(copies[0]!.dir).toBe(fromEnv);
    expect(fromConfig).toBe(join(root, 'cfg-dup'));
    expect(result.problems.filter((problem) => problem.code === 'MCPCTL_PLUGIN_DUPLICATE')).toHaveLength(2);
  });

  it('within one source the earlier entry wins, deterministically', async () => {
    const first = plugin(join(root, 'a'), 'same');
    const second = plugin(join(root, 'b'), 'same');
    for (let run = 0; run < 3; run += 1) {
      const result = await discoverPlugins(sources({ configPlugins: ['./a', './b'] }), '1.0.0', undefined);
      expect(result.records.find((record) => record.name === 'same' && record.state !== 'shadowed')!.dir).toBe(first);
    }
    expect(second).not.toBe(first);
  });

  it('finds scoped packages in the user folder and ignores packages without a manifest there', async () => {
    plugin(join(userDir, '@acme/tool'), '@acme/tool');
    mkdirSync(join(userDir, 'left-pad'));
    writeFileSync(join(userDir, 'left-pad/package.json'), JSON.stringify({ name: 'left-pad', version: '1.0.0' }));
    const result = await discoverPlugins(sources(), '1.0.0', undefined);
    expect(result.records.map((record) => record.name)).toContain('@acme/tool');
    expect(result.problems.map((problem) => problem.plugin)).not.toContain('left-pad');
  });

  it('reports a config plugin that cannot be resolved, and one that is not a plugin', async () => {
    mkdirSync(join(root, 'plain'));
    writeFileSync(join(root, 'plain/package.json'), JSON.stringify({ name: 'plain' }));
    const result = await discoverPlugins(sources({ configPlugins: ['no-such-package-anywhere', './plain'] }), '1.0.0', undefined);
    expect(result.problems.map((problem) => [problem.code, problem.plugin])).toEqual([
      ['MCPCTL_PLUGIN_NOT_FOUND', 'no-such-package-anywhere'],
      ['MCPCTL_PLUGIN_NOT_A_PLUGIN', 'plain'],
    ]);
  });

  it('safe mode keeps only built-ins', async () => {
    plugin(join(userDir, 'extra'), 'extra');
    const result = await discoverPlugins(sources({ safeMode: true, envList: join(FIXTURE_PLUGINS, 'good-esm') }), '1.0.0', undefined);
    expect(result.records.map((record) => record.source)).toEqual(['builtin']);
  });

  it('routes a command to the winner of a conflict and records the loser', async () => {
    const result = await discoverPlugins(sources({ envList: join(FIXTURE_PLUGINS, 'duplicate-command') }), '1.0.0', undefined);
    const catalog = new Catalog(result);
    expect(catalog.route(['plugins', 'list', '--json'])?.plugin).toBe('mcpctl-plugin-duplicate-command');
    expect(catalog.route(['config', 'show'])?.plugin).toBe('@mcpctl/plugin-core');
    expect(catalog.route(['nothing'])).toBeUndefined();
    expect(catalog.problems().find((problem) => problem.code === 'MCPCTL_PLUGIN_CONFLICT')?.plugin).toBe('@mcpctl/plugin-core');
  });
});

describe('discovery cache', () => {
  let root: string;
  let cacheFile: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'mcpctl-cache-'));
    cacheFile = join(root, 'cache/discovery.json');
  });
  const sources = (envList: string) => ({ builtins: [], builtinBase: root, configPlugins: [], configDir: root, userDir: join(root, 'none'), envList, safeMode: false });

  it('reuses entries until the package, its entry, its schema or the kernel changes', async () => {
    const dir = plugin(join(root, 'p'), 'p', { configSchema: './schema.json' });
    writeFileSync(join(dir, 'schema.json'), '{"$defs":{}}');
    const misses = async (kernel = 'k1') => {
      let count = 0;
      const cache = new DiscoveryCache(cacheFile, kernel);
      const store = cache.store.bind(cache);
      cache.store = (d, inspected) => {
        count += 1;
        store(d, inspected);
      };
      await discoverPlugins(sources(dir), '1.0.0', cache);
      await cache.save(new Set([dir]));
      return count;
    };
    expect(await misses()).toBe(1);
    expect(await misses()).toBe(0);

    const later = new Date(Date.now() + 5000);
    utimesSync(join(dir, 'index.js'), later, later);
    expect(await misses()).toBe(1);
    expect(await misses()).toBe(0);

    writeFileSync(join(dir, 'schema.json'), '{"$defs":{"settings":{}}}');
    expect(await misses()).toBe(1);

    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string };
    pkg.version = '1.0.1';
    writeFileSync(join(dir, 'package.json'), JSON.stringify(pkg));
    expect(await misses()).toBe(1);

    expect(await misses('k2')).toBe(1);
    expect(await misses('k2')).toBe(0);
  });

  it('a moved plugin is a new entry (the key includes the path)', async () => {
    const dir = plugin(join(root, 'p'), 'p');
    const cache = new DiscoveryCache(cacheFile, 'k1');
    await discoverPlugins(sources(dir), '1.0.0', cache);
    await cache.save(new Set([dir]));
    const moved = join(root, 'moved');
    cpSync(dir, moved, { recursive: true });
    const again = new DiscoveryCache(cacheFile, 'k1');
    expect(again.lookup(moved)).toBeUndefined();
    expect(again.lookup(dir)?.record?.name).toBe('p');
  });

  it('keys a sealed store entry (a link into the folder\'s .store) by its target alone; a link elsewhere by its files', async () => {
    const userDir = join(root, 'user');
    const storeDir = (id: string, name: string, version: string) => {
      const dir = plugin(join(userDir, '.store', id, 'node_modules', name), name);
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string };
      writeFileSync(join(dir, 'package.json'), JSON.stringify({ ...pkg, version }));
      return join('.store', id, 'node_modules', name);
    };
    mkdirSync(join(userDir, '@acme'), { recursive: true });
    symlinkSync(storeDir('a1', 'sealed', '1.0.0'), join(userDir, 'sealed'), 'dir');
    symlinkSync(join('..', storeDir('s1', '@acme/scoped', '1.0.0')), join(userDir, '@acme', 'scoped'), 'dir');
    const working = plugin(join(root, 'working-copy'), 'working');
    symlinkSync(working, join(userDir, 'working'), 'dir');
    const run = async () => {
      const misses: string[] = [];
      const cache = new DiscoveryCache(cacheFile, 'k1');
      const store = cache.store.bind(cache);
      cache.store = (dir, inspected, known) => {
        misses.push(dir.slice(userDir.length + 1));
        store(dir, inspected, known);
      };
      const found = await discoverPlugins({ ...sources(''), userDir }, '1.0.0', cache);
      await cache.save(new Set(found.records.map((record) => record.dir)));
      return { misses, found };
    };
    const first = await run();
    expect(first.misses.sort()).toEqual(['@acme/scoped', 'sealed', 'working']);
    expect(first.found.records.map((record) => [record.name, record.source, record.version]).sort()).toEqual([
      ['@acme/scoped', 'user', '1.0.0'], ['sealed', 'user', '1.0.0'], ['working', 'linked', '1.0.0'],
    ]);
    expect((await run()).misses).toEqual([]);

    // A working copy's edits show at once; a sealed directory is not stat'ed at all.
    const later = new Date(Date.now() + 5000);
    utimesSync(join(working, 'index.js'), later, later);
    utimesSync(join(userDir, '.store/a1/node_modules/sealed/index.js'), later, later);
    expect((await run()).misses).toEqual(['working']);

    // An update swaps the link to a new store directory: a new key.
    const temp = join(userDir, '.sealed.link');
    symlinkSync(storeDir('a2', 'sealed', '2.0.0'), temp, 'dir');
    renameSync(temp, join(userDir, 'sealed'));
    const updated = await run();
    expect(updated.misses).toEqual(['sealed']);
    expect(updated.found.records.find((record) => record.name === 'sealed')?.version).toBe('2.0.0');
  });
});

describe('built-in resolution memo', () => {
  it('remembers where the built-ins resolved, until a node_modules directory on the way changes', async () => {
    const { builtinResolutionKey, listCandidates } = await import('../../src/plugins/candidates.js');
    const root = mkdtempSync(join(tmpdir(), 'mcpctl-builtins-'));
    const base = join(root, 'app');
    plugin(join(root, 'node_modules', '@acme', 'builtin-a'), '@acme/builtin-a');
    plugin(join(root, 'node_modules', 'builtin-b'), 'builtin-b');
    mkdirSync(base);
    const names = ['@acme/builtin-a', 'builtin-b'];
    const stored = new Map<string, readonly string[]>();
    const memo = { recallBuiltinDirs: (key: string) => stored.get(key), rememberBuiltinDirs: (key: string, dirs: readonly string[]) => void stored.set(key, dirs) };
    const sources = { builtins: names, builtinBase: base, configPlugins: [], configDir: root, userDir: join(root, 'none'), envList: undefined, safeMode: true };

    const first = listCandidates(sources, memo);
    expect(first.map((candidate) => candidate.dir)).toEqual([join(root, 'node_modules/@acme/builtin-a'), join(root, 'node_modules/builtin-b')]);
    const key = builtinResolutionKey(names, base);
    expect(stored.get(key)).toEqual(first.map((candidate) => candidate.dir));

    // The remembered directories are used as they are (no resolution).
    stored.set(key, ['/remembered/a', '/remembered/b']);
    expect(listCandidates(sources, memo).map((candidate) => candidate.dir)).toEqual(['/remembered/a', '/remembered/b']);

    // A package added closer to the base (a new node_modules), or to the scope directory, changes the key.
    plugin(join(base, 'node_modules', 'builtin-b'), 'builtin-b');
    const closer = builtinResolutionKey(names, base);
    expect(closer).not.toBe(key);
    // Resolved again (not the remembered fakes) and remembered under the new key; which copy Node
    // then finds is Node's business (and cached by Node within one process).
    expect(listCandidates(sources, memo).map((candidate) => candidate.dir)).not.toContain('/remembered/b');
    expect(stored.has(closer)).toBe(true);
    const later = new Date(Date.now() + 5000);
    utimesSync(join(root, 'node_modules', '@acme'), later, later);
    expect(builtinResolutionKey(names, base)).not.toBe(closer);

    // A built-in that does not resolve is reported, and nothing is remembered.
    stored.clear();
    const missing = listCandidates({ ...sources, builtins: ['not-installed'] }, memo);
    expect(missing[0]?.resolveError).toMatch(/Cannot find module 'not-installed\/package\.json'/);
    expect(stored.size).toBe(0);
  });
});
