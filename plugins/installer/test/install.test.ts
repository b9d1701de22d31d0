import { spawnSync } from 'node:child_process';
import { readdirSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, REPO, snapshot, type TestUser, useWorld } from './helpers/world.js';

const shared = useWorld();
const newUser = () => shared.newUser();

describe.each(['direct', 'arborist', 'live-plugin-manager'])('plugins install with %s', (installer) => {
  let user: TestUser;
  beforeAll(() => {
    user = newUser();
  });

  it('installs an ESM plugin with an ESM dependency, verified against the registry, whose command then appears and runs', () => {
    const installed = user.json(['plugins', 'install', 'mcpctl-plugin-greet@^1.0.0', '--installer', installer]);
    expect(installed.installed).toMatchObject([{ name: 'mcpctl-plugin-greet', version: '1.1.0', type: 'registry', range: '^1.0.0', installer, dependencies: 1 }]);
    expect(installed.installed[0].provides).toMatchObject({ commands: ['greet'], serverTypes: ['greeter'] });

    const record = user.record().plugins['mcpctl-plugin-greet'];
    expect(record.integrity).toBe(shared.world.integrity.get('mcpctl-plugin-greet@1.1.0'));
    expect(record.registry).toBe(`${shared.world.registry.url}/`);
    expect(record.dependencies).toMatchObject([{ name: 'mcpctl-fixture-greet-dep', version: '1.0.0', integrity: shared.world.integrity.get('mcpctl-fixture-greet-dep@1.0.0') }]);

    const help = user.run(['--help']);
    expect(help.stdout).toMatch(/greet\s+Greet someone \(installed fixture\)/);
    const greet = user.run(['greet', 'Ada']);
    expect(greet.stdout.trim()).toBe('hello Ada from 1.1.0');

    const list = user.json(['plugins', 'list']);
    expect(list.find((plugin: { name: string }) => plugin.name === 'mcpctl-plugin-greet')).toMatchObject({ version: '1.1.0', source: 'user', state: 'discovered' });
  });

  it('leaves a plugin that resolves to the installed version alone, unless --force', () => {
    const before = snapshot(user.pluginDir);
    const again = user.json(['plugins', 'install', 'mcpctl-plugin-greet@1.1.0', '--installer', installer]);
    expect(again).toEqual({ installed: [], upToDate: [{ name: 'mcpctl-plugin-greet', version: '1.1.0' }] });
    expect(user.run(['plugins', 'install', 'mcpctl-plugin-greet@^1', '--installer', installer]).stdout.trim()).toBe('✓ mcpctl-plugin-greet@1.1.0 already installed');
    expect(snapshot(user.pluginDir)).toBe(before);
    const forced = user.json(['plugins', 'install', 'mcpctl-plugin-greet@^1', '--force', '--installer', installer]);
    expect(forced.installed).toMatchObject([{ name: 'mcpctl-plugin-greet', version: '1.1.0', previous: '1.1.0' }]);
    expect(snapshot(user.pluginDir)).not.toBe(before);
    expect(user.run(['greet', 'Ada']).stdout.trim()).toBe('hello Ada from 1.1.0');
  });

  it('installs a CommonJS plugin', () => {
    expect(user.run(['plugins', 'install', 'mcpctl-plugin-cjs-fixture', '--installer', installer]).code).toBe(0);
    expect(user.run(['cjs-hello']).stdout.trim()).toBe('hello from commonjs');
  });

  it('satisfies a dependency on @mcpctl/kernel with the running copy, never a second one', () => {
    expect(user.run(['plugins', 'install', 'mcpctl-plugin-kernel-dep', '--installer', installer]).code).toBe(0);
    const where = user.json(['kernel-where']);
    expect(where.kernel).toBe(realpathSync(join(REPO, 'kernel/dist/index.js')));
    const copies = findNamed(join(user.pluginDir, '.store'), 'kernel').filter((path) => path.includes('@mcpctl'));
    expect(copies).toEqual([]);
  });

  it('satisfies peerDependencies alone on @mcpctl/kernel and @mcpctl/toolkit (as plugins create scaffolds) with the running copies', () => {
    const result = user.run(['plugins', 'install', 'mcpctl-plugin-kernel-peer', '--installer', installer]);
    expect(result.code, result.stderr).toBe(0);
    expect(user.json(['kernel-peer-where'])).toEqual({ kernel: realpathSync(join(REPO, 'kernel/dist/index.js')), toolkit: realpathSync(join(REPO, 'kernel/toolkit/dist/index.js')) });
    expect(findNamed(join(user.pluginDir, '.store'), 'toolkit').filter((path) => path.includes('@mcpctl'))).toEqual([]);
    // The same tie one dependency down.
    const deep = user.run(['plugins', 'install', 'mcpctl-plugin-peer-deep', '--installer', installer]);
    expect(deep.code, deep.stderr).toBe(0);
    expect(user.run(['peer-deep']).stdout.trim()).toBe('hello deep');
    expect(findNamed(join(user.pluginDir, '.store'), 'kernel').filter((path) => path.includes('@mcpctl'))).toEqual([]);
  });

  it('refuses a tampered plugin tarball and a tampered dependency, leaving the folder as it was', () => {
    const before = snapshot(user.pluginDir);
    for (const spec of ['mcpctl-plugin-tampered', 'mcpctl-plugin-tampered-dep']) {
      const result = user.run(['plugins', 'install', spec, '--installer', installer, '--json']);
      expect(result.code).toBe(1);
      expect(JSON.parse(result.stdout).code).toBe('MCPCTL_INSTALL_INTEGRITY');
    }
    expect(snapshot(user.pluginDir)).toBe(before);
    expect(user.run(['tampered']).code).toBe(2);
  });
});

describe.each(['direct', 'arborist'])('the tree %s builds', (installer) => {
  it('holds two majors of one library where each dependent resolves its own, a peer beside its dependent, and linked bins', () => {
    const user = newUser();
    const result = user.run(['plugins', 'install', 'mcpctl-plugin-layout', '--installer', installer]);
    expect(result.code, result.stderr).toBe(0);
    expect(user.json(['layout'])).toEqual({ lib: '1.0.0', nested: { lib: '2.0.0', host: '1.0.0' } });
    const store = join(user.record().plugins['mcpctl-plugin-layout'].path, '../..');
    const bin = spawnSync(join(store, 'node_modules/.bin/uses-lib2'), { encoding: 'utf8' });
    expect(bin.stdout.trim()).toBe(JSON.stringify({ lib: '2.0.0', host: '1.0.0' }));
    const lockfile = user.record().plugins['mcpctl-plugin-layout'].lockfile;
    expect(lockfile.lockfileVersion).toBe(3);
    expect(lockfile.packages['node_modules/mcpctl-fixture-uses-lib2/node_modules/mcpctl-fixture-lib']).toMatchObject({ version: '2.0.0', integrity: shared.world.integrity.get('mcpctl-fixture-lib@2.0.0') });
  });
});

describe('what the direct installer hands to arborist', () => {
  it('installs a plugin with an aliased dependency through arborist, and records that arborist did', () => {
    const user = newUser();
    const installed = user.json(['plugins', 'install', 'mcpctl-plugin-aliased']);
    expect(installed.installed).toMatchObject([{ name: 'mcpctl-plugin-aliased', installer: 'arborist' }]);
    expect(user.record().plugins['mcpctl-plugin-aliased'].installer).toBe('arborist');
    expect(user.run(['aliased', 'Ada']).stdout.trim()).toBe('hello Ada');
    // A plain registry plugin in the same folder is the direct installer's.
    expect(user.json(['plugins', 'install', 'mcpctl-plugin-cjs-fixture']).installed).toMatchObject([{ installer: 'direct' }]);
  });
});

describe('local specs', () => {
  it('installs a local directory and a local tarball', () => {
    const user = newUser();
    expect(user.run(['plugins', 'install', join(FIXTURES, 'cjs')]).code).toBe(0);
    expect(user.record().plugins['mcpctl-plugin-cjs-fixture']).toMatchObject({ type: 'directory', version: '1.0.0' });
    expect(user.record().plugins['mcpctl-plugin-cjs-fixture'].integrity).toMatch(/^sha512-/);
    const tarball = shared.world.registry.storedTarball('mcpctl-plugin-kernel-dep', '1.0.0');
    expect(user.run(['plugins', 'install', tarball]).code).toBe(0);
    expect(user.record().plugins['mcpctl-plugin-kernel-dep']).toMatchObject({ type: 'file' });
    // Packed from a directory, tied to the kernel by a peer dependency only.
    const peer = user.run(['plugins', 'install', join(FIXTURES, 'kernel-peer')]);
    expect(peer.code, peer.stderr).toBe(0);
    expect(user.json(['kernel-peer-where']).kernel).toBe(realpathSync(join(REPO, 'kernel/dist/index.js')));
    expect(user.run(['cjs-hello']).stdout.trim()).toBe('hello from commonjs');
  });
});

function findNamed(dir: string, name: string): string[] {
  const found: string[] = [];
  const walk = (path: string) => {
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      const child = join(path, entry.name);
      if (entry.name === name) found.push(child);
      if (entry.isDirectory()) walk(child);
    }
  };
  walk(dir);
  return found;
}

