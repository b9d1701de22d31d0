import semver from 'semver';
import { describe, expect, it } from 'vitest';
import { NeedsFullEngine, planTree, UnresolvableDependency, type PlannedPackage } from '../src/install/direct/plan-tree.js';
import type { Packument, PackumentVersion } from '../src/registry/packument.js';

type VersionFields = Omit<PackumentVersion, 'name' | 'version'>;

/** A registry of abbreviated documents: `{ 'a@1.0.0': { dependencies: … } }`. */
function registry(spec: Record<string, VersionFields>, tags: Record<string, Record<string, string>> = {}) {
  const documents = new Map<string, Packument>();
  for (const [id, fields] of Object.entries(spec)) {
    const at = id.lastIndexOf('@');
    const name = id.slice(0, at);
    const version = id.slice(at + 1);
    const document = documents.get(name) ?? { name, 'dist-tags': {}, versions: {} };
    document.versions[version] = { name, version, dist: { tarball: `http://registry.test/${name}/-/${version}.tgz`, integrity: `sha512-${name}-${version}` }, ...fields };
    documents.set(name, document);
  }
  for (const document of documents.values()) {
    const versions = Object.keys(document.versions).sort();
    document['dist-tags'] = { latest: versions.at(-1)!, ...tags[document.name] };
  }
  const requested: string[] = [];
  return {
    requested,
    packument: async (name: string) => {
      requested.push(name);
      const document = documents.get(name);
      if (!document) throw Object.assign(new Error(`404 - GET ${name}`), { statusCode: 404, code: 'E404' });
      return document;
    },
  };
}

const plan = (registryOf: ReturnType<typeof registry>, options: { shared?: string[]; pinned?: Map<string, string> } = {}) =>
  planTree({ plugin: { name: 'plugin', version: '1.0.0' }, packument: registryOf.packument, shared: options.shared ?? [], ...(options.pinned ? { pinned: options.pinned } : {}) });

/** location → name@version, sorted: the tree as `ls -R node_modules` would show it. */
const layout = (packages: PlannedPackage[]) => Object.fromEntries(packages.map((pkg) => [pkg.location, `${pkg.name}@${pkg.version}`]).sort(([a], [b]) => a!.localeCompare(b!)));

describe('planning the tree npm would build', () => {
  it('hoists dependencies to the top and picks the newest version in range', async () => {
    const tree = await plan(registry({
      'plugin@1.0.0': { dependencies: { a: '^1.0.0', b: '~2.1.0' } },
      'a@1.0.0': {}, 'a@1.4.2': { dependencies: { c: '*' } }, 'a@2.0.0': {},
      'b@2.1.0': {}, 'b@2.1.5': { dependencies: { c: '^3.0.0' } }, 'b@2.2.0': {},
      'c@3.1.0': {},
    }));
    expect(layout(tree)).toEqual({
      'node_modules/a': 'a@1.4.2',
      'node_modules/b': 'b@2.1.5',
      'node_modules/c': 'c@3.1.0',
      'node_modules/plugin': 'plugin@1.0.0',
    });
  });

  it('nests a conflicting version under the package that needs it, and reuses the hoisted one where it fits', async () => {
    const tree = await plan(registry({
      'plugin@1.0.0': { dependencies: { a: '^1.0.0', lib: '^1.0.0', b: '^1.0.0' } },
      'a@1.0.0': { dependencies: { lib: '^2.0.0' } },
      'b@1.0.0': { dependencies: { lib: '^1.2.0' } },
      'lib@1.2.0': {}, 'lib@2.0.0': {},
    }));
    expect(layout(tree)).toEqual({
      'node_modules/a': 'a@1.0.0',
      'node_modules/a/node_modules/lib': 'lib@2.0.0',
      'node_modules/b': 'b@1.0.0',
      'node_modules/lib': 'lib@1.2.0',
      'node_modules/plugin': 'plugin@1.0.0',
    });
  });

  it('never shadows what a package already resolves from further up', async () => {
    // a nests b@2 and c@2 (the top holds b@1 and c@1). b@2 resolves lib@2 from the top; when c@2
    // then needs lib@1, a's node_modules is no place for it (b@2 would find it first): it nests under c@2.
    const tree = await plan(registry({
      'plugin@1.0.0': { dependencies: { a: '1.0.0', b: '1.0.0', c: '1.0.0', lib: '2.0.0' } },
      'a@1.0.0': { dependencies: { b: '^2.0.0', c: '^2.0.0' } },
      'b@1.0.0': {}, 'b@2.0.0': { dependencies: { lib: '^2.0.0' } },
      'c@1.0.0': {}, 'c@2.0.0': { dependencies: { lib: '^1.0.0' } },
      'lib@1.0.0': {}, 'lib@2.0.0': {},
    }));
    const where = layout(tree);
    expect(where['node_modules/a/node_modules/b']).toBe('b@2.0.0');
    expect(where['node_modules/a/node_modules/lib']).toBeUndefined();
    expect(where['node_modules/a/node_modules/c/node_modules/lib']).toBe('lib@1.0.0');
    expect(resolvesAsDeclared(tree)).toEqual([]);
  });

  it('keeps every package resolving to its range in a tangled tree', async () => {
    const tree = await plan(registry({
      'plugin@1.0.0': { dependencies: { a: '*', b: '*', lib: '^3.0.0' } },
      'a@1.0.0': { dependencies: { c: '*', lib: '^1.0.0' } },
      'b@1.0.0': { dependencies: { c: '*', lib: '^2.0.0', d: '*' } },
      'c@1.0.0': { dependencies: { lib: '^1.0.0 || ^2.0.0' } },
      'd@1.0.0': { dependencies: { lib: '^3.0.0', c: '*' } },
      'lib@1.0.0': {}, 'lib@2.0.0': {}, 'lib@3.0.0': {},
    }));
    expect(resolvesAsDeclared(tree)).toEqual([]);
  });

  it('places a peer dependency beside its dependent, where both see one copy', async () => {
    const tree = await plan(registry({
      'plugin@1.0.0': { dependencies: { adapter: '^1.0.0' } },
      'adapter@1.0.0': { peerDependencies: { host: '^2.0.0', extra: '*' }, peerDependenciesMeta: { extra: { optional: true } } },
      'host@2.3.0': {},
      'extra@1.0.0': {},
    }));
    expect(layout(tree)).toEqual({ 'node_modules/adapter': 'adapter@1.0.0', 'node_modules/host': 'host@2.3.0', 'node_modules/plugin': 'plugin@1.0.0' });
    expect(tree.find((pkg) => pkg.name === 'host')!.peer).toBe(true);
  });

  it('leaves shared packages (the running mcpctl\'s kernel) and bundled dependencies out', async () => {
    const source = registry({
      'plugin@1.0.0': { dependencies: { '@mcpctl/kernel': '^0.1.0', bundler: '1.0.0' }, peerDependencies: { '@mcpctl/toolkit': '*' } },
      'bundler@1.0.0': { dependencies: { inside: '^1.0.0' }, bundleDependencies: ['inside'] },
    });
    const tree = await plan(source, { shared: ['@mcpctl/kernel', '@mcpctl/toolkit'] });
    expect(layout(tree)).toEqual({ 'node_modules/bundler': 'bundler@1.0.0', 'node_modules/plugin': 'plugin@1.0.0' });
    expect(source.requested).not.toContain('@mcpctl/kernel');
    expect(source.requested).not.toContain('inside');
  });

  it('leaves out optional dependencies that are missing or do not run here, and the optional packages whose own dependencies fail', async () => {
    const tree = await plan(registry({
      'plugin@1.0.0': { dependencies: { core: '1.0.0' }, optionalDependencies: { gone: '^1.0.0', elsewhere: '1.0.0', broken: '1.0.0' } },
      'core@1.0.0': {},
      'elsewhere@1.0.0': { os: ['!' + process.platform] },
      'broken@1.0.0': { dependencies: { missing: '^9.0.0' } },
    }));
    expect(layout(tree)).toEqual({ 'node_modules/core': 'core@1.0.0', 'node_modules/plugin': 'plugin@1.0.0' });
  });

  it('refuses a required dependency that no version satisfies or that does not run on this platform, naming both ends', async () => {
    await expect(plan(registry({ 'plugin@1.0.0': { dependencies: { a: '^2.0.0' } }, 'a@1.0.0': {}, 'a@1.1.0': {} })))
      .rejects.toThrow(/plugin@1\.0\.0 depends on a@\^2\.0\.0, and no published version matches \(published: 1\.1\.0, 1\.0\.0\)/);
    const platform = await plan(registry({ 'plugin@1.0.0': { dependencies: { native: '1.0.0' } }, 'native@1.0.0': { cpu: ['!' + process.arch] } })).catch((error: unknown) => error);
    expect(platform).toBeInstanceOf(UnresolvableDependency);
    expect((platform as UnresolvableDependency).code).toBe('EBADPLATFORM');
    await expect(plan(registry({ 'plugin@1.0.0': { dependencies: { nowhere: '1.0.0' } } }))).rejects.toThrow(/depends on nowhere@1\.0\.0: not found in the registry \(404\)/);
    // A name is a path under node_modules: one that would leave it is refused before anything is fetched.
    for (const name of ['../escape', '@scope/../../escape', 'a/b', '.hidden']) {
      await expect(plan(registry({ 'plugin@1.0.0': { dependencies: { [name]: '1.0.0' } } }))).rejects.toThrow(/which is not a valid package name/);
    }
  });

  it('hands aliases, git, URL and file dependencies, and peer conflicts, to npm\'s engine', async () => {
    for (const spec of ['npm:other@^1.0.0', 'github:user/repo', 'git+https://example.test/repo.git', 'https://example.test/a.tgz', 'file:../a']) {
      await expect(plan(registry({ 'plugin@1.0.0': { dependencies: { a: spec } } }))).rejects.toBeInstanceOf(NeedsFullEngine);
    }
    await expect(plan(registry({
      'plugin@1.0.0': { dependencies: { host: '1.0.0', adapter: '1.0.0' } },
      'adapter@1.0.0': { peerDependencies: { host: '^2.0.0' } },
      'host@1.0.0': {}, 'host@2.0.0': {},
    }))).rejects.toThrow(/adapter@1\.0\.0 needs the peer host@\^2\.0\.0, but host@1\.0\.0 is placed beside it/);
  });

  it('keeps the versions a lockfile pinned while they still fit, and resolves dist-tags', async () => {
    const source = registry({
      'plugin@1.0.0': { dependencies: { a: '^1.0.0', b: 'next' } },
      'a@1.0.0': {}, 'a@1.5.0': {},
      'b@1.0.0': {}, 'b@2.0.0-rc.1': {},
    }, { b: { next: '2.0.0-rc.1' } });
    expect(layout(await plan(source, { pinned: new Map([['node_modules/a', '1.0.0'], ['node_modules/b', '9.9.9']]) }))).toMatchObject({ 'node_modules/a': 'a@1.0.0', 'node_modules/b': 'b@2.0.0-rc.1' });
    expect(layout(await plan(source))).toMatchObject({ 'node_modules/a': 'a@1.5.0' });
  });
});

/**
 * Every declared dependency, looked up the way Node does (the package's own
 * node_modules, then each enclosing one), lands on a version in range.
 * Returns the ones that do not.
 */
function resolvesAsDeclared(tree: PlannedPackage[]): string[] {
  const byLocation = new Map(tree.map((pkg) => [pkg.location, pkg]));
  const wrong: string[] = [];
  for (const pkg of tree) {
    for (const [name, range] of Object.entries(pkg.manifest.dependencies ?? {})) {
      let found: PlannedPackage | undefined;
      for (let directory = pkg.location; ; ) {
        found = byLocation.get(directory === '' ? `node_modules/${name}` : `${directory}/node_modules/${name}`);
        if (found || directory === '') break;
        const index = directory.lastIndexOf('/node_modules/');
        directory = index === -1 ? '' : directory.slice(0, index);
      }
      if (!found || !semver.satisfies(found.version, range)) wrong.push(`${pkg.location} → ${name}@${range} found ${found ? found.version : 'nothing'}`);
    }
  }
  return wrong;
}
