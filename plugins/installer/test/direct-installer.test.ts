import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Installer, InstallOutcome, InstallRequest } from '../src/install/installer.js';
import { DirectInstaller } from '../src/install/installers/direct.js';
import type { ResolvedPlugin } from '../src/install/resolve-plugin.js';
import { integrityOf } from '../src/registry/integrity.js';
import type { Packument, PackumentVersion } from '../src/registry/packument.js';
import type { RegistryClient } from '../src/registry/registry-client.js';
import { packDirectory } from './helpers/registry.js';

const scratch = mkdtempSync(join(tmpdir(), 'mcpctl-direct-installer-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** An in-memory registry: packages packed as npm would, with their real sha512. */
async function memoryRegistry(packages: Array<{ name: string; version: string; files?: Record<string, string> } & Partial<PackumentVersion>>) {
  const documents = new Map<string, Packument>();
  const tarballs = new Map<string, Buffer>();
  for (const { files = { 'index.js': 'export {};\n' }, ...pkg } of packages) {
    const dir = join(scratch, 'src', `${pkg.name}@${pkg.version}`);
    mkdirSync(dir, { recursive: true });
    for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
    const data = await packDirectory(dir, pkg);
    const tarball = `http://registry.test/${pkg.name}/-/${pkg.name}-${pkg.version}.tgz`;
    tarballs.set(tarball, data);
    const document = documents.get(pkg.name) ?? { name: pkg.name, 'dist-tags': {}, versions: {} };
    document.versions[pkg.version] = { ...pkg, dist: { tarball, integrity: integrityOf(data) } };
    document['dist-tags'].latest = pkg.version;
    documents.set(pkg.name, document);
  }
  const fetched: string[] = [];
  const client: RegistryClient = {
    packument: async (name) => {
      const document = documents.get(name);
      if (!document) throw Object.assign(new Error('404'), { statusCode: 404, code: 'E404' });
      return document;
    },
    tarball: async (url) => {
      fetched.push(url);
      return tarballs.get(url)!;
    },
  };
  return { client, documents, tarballs, fetched };
}

function request(client: RegistryClient, plugin: { name: string; version: string }, extra: Partial<InstallRequest> = {}): InstallRequest {
  const root = mkdtempSync(join(scratch, 'store-'));
  const resolved = { request: plugin.name, ...plugin, type: 'registry', fetchSpec: `${plugin.name}@${plugin.version}`, resolved: '', manifest: { apiVersion: '^1.0.0', entry: './index.js' }, sharedRanges: {}, sharedPeersOnly: [] } as unknown as ResolvedPlugin;
  return {
    plugin: resolved,
    root,
    options: { cache: join(root, '.cache') },
    settings: { registry: 'http://registry.test/', options: {}, files: [] },
    registry: client,
    allowScripts: false,
    shared: [],
    progress: { phase() {}, fetched() {}, done() {} },
    ...extra,
  };
}

describe('the direct installer', () => {
  it('unpacks the planned tree, links bins, and writes a lockfile that records each package\'s integrity', async () => {
    const { client, documents } = await memoryRegistry([
      { name: 'plugin', version: '1.0.0', dependencies: { tool: '^1.0.0' } },
      { name: 'tool', version: '1.2.0', bin: { 'tool-cli': './cli.js' }, files: { 'cli.js': '#!/usr/bin/env node\n', 'index.js': 'export {};\n' } },
    ]);
    const input = request(client, { name: 'plugin', version: '1.0.0' });
    const outcome = await new DirectInstaller().install(input);
    expect(outcome.packageDir).toBe(join(input.root, 'node_modules/plugin'));
    expect(JSON.parse(readFileSync(join(input.root, 'node_modules/tool/package.json'), 'utf8')).version).toBe('1.2.0');
    expect(existsSync(join(input.root, 'node_modules/.bin/tool-cli'))).toBe(true);
    const lockfile = outcome.lockfile as { lockfileVersion: number; packages: Record<string, { version: string; integrity: string }> };
    expect(lockfile.lockfileVersion).toBe(3);
    expect(lockfile.packages['node_modules/tool']).toMatchObject({ version: '1.2.0', integrity: documents.get('tool')!.versions['1.2.0']!.dist!.integrity });
    expect(outcome.packages.map((pkg) => `${pkg.name}@${pkg.version}`).sort()).toEqual(['plugin@1.0.0', 'tool@1.2.0']);
  });

  it('refuses a tarball whose bytes differ from the registry\'s sha512 before unpacking any of it', async () => {
    const { client, tarballs } = await memoryRegistry([
      { name: 'plugin', version: '1.0.0', dependencies: { dep: '1.0.0' } },
      { name: 'dep', version: '1.0.0' },
    ]);
    const [url] = [...tarballs.keys()].filter((key) => key.includes('/dep/'));
    tarballs.set(url!, Buffer.concat([tarballs.get(url!)!, Buffer.from('tampered')]));
    const input = request(client, { name: 'plugin', version: '1.0.0' });
    await expect(new DirectInstaller().install(input)).rejects.toMatchObject({ code: 'MCPCTL_INSTALL_INTEGRITY' });
    expect(existsSync(join(input.root, 'node_modules/dep'))).toBe(false);
  });

  it('replays a lockfile\'s versions, and refuses one whose registry integrity changed since it was installed', async () => {
    const { client, documents } = await memoryRegistry([
      { name: 'plugin', version: '1.0.0', dependencies: { dep: '^1.0.0' } },
      { name: 'dep', version: '1.0.0' },
      { name: 'dep', version: '1.1.0' },
    ]);
    const pinned = { packages: { 'node_modules/dep': { version: '1.0.0', integrity: documents.get('dep')!.versions['1.0.0']!.dist!.integrity } } };
    const replayed = await new DirectInstaller().install(request(client, { name: 'plugin', version: '1.0.0' }, { lockfile: pinned }));
    expect(replayed.packages.find((pkg) => pkg.name === 'dep')!.version).toBe('1.0.0');
    const changed = { packages: { 'node_modules/dep': { version: '1.0.0', integrity: integrityOf(Buffer.from('what it was then')) } } };
    await expect(new DirectInstaller().install(request(client, { name: 'plugin', version: '1.0.0' }, { lockfile: changed }))).rejects.toMatchObject({ code: 'MCPCTL_INSTALL_INTEGRITY' });
  });

  it('uses a verified tarball from its cache instead of downloading it again', async () => {
    const { client, fetched } = await memoryRegistry([{ name: 'plugin', version: '1.0.0' }]);
    const cache = join(scratch, 'shared-cache');
    await new DirectInstaller().install(request(client, { name: 'plugin', version: '1.0.0' }, { options: { cache } }));
    await new DirectInstaller().install(request(client, { name: 'plugin', version: '1.0.0' }, { options: { cache } }));
    expect(fetched).toHaveLength(1);
  });

  it('hands scripts, local packages and aliased dependencies to the full engine, which the outcome names', async () => {
    const { client } = await memoryRegistry([
      { name: 'plugin', version: '1.0.0', dependencies: { alias: 'npm:other@^1.0.0' } },
      { name: 'plain', version: '1.0.0' },
    ]);
    const handed: string[] = [];
    const engine: Installer = { name: 'arborist', install: async (input): Promise<InstallOutcome> => (handed.push(input.plugin.name), { packageDir: join(input.root, 'node_modules', input.plugin.name), packages: [] }) };
    const direct = new DirectInstaller(async () => engine);
    expect((await direct.install(request(client, { name: 'plugin', version: '1.0.0' }))).installer).toBe('arborist');
    expect((await direct.install(request(client, { name: 'plain', version: '1.0.0' }, { allowScripts: true }))).installer).toBe('arborist');
    const local = request(client, { name: 'plain', version: '1.0.0' });
    expect((await direct.install({ ...local, plugin: { ...local.plugin, type: 'directory', fetchSpec: '/somewhere/plain' } })).installer).toBe('arborist');
    expect(handed).toEqual(['plugin', 'plain', 'plain']);
    expect((await direct.install(request(client, { name: 'plain', version: '1.0.0' }))).installer).toBeUndefined();
  });
});
