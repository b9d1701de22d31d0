import { mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import Arborist from '@npmcli/arborist';
import pacote from 'pacote';
import * as errors from '../../errors.js';
import { isIntegrityError, requireSha512 } from '../../registry/integrity.js';
import { describeFetchError, type Packument } from '../../registry/packument.js';
import { storeManifest, type InstalledPackage, type Installer, type InstallOutcome, type InstallRequest } from '../installer.js';

/** The subset of an arborist tree node this installer reads. */
interface TreeNode {
  isRoot: boolean;
  isLink: boolean;
  packageName: string;
  version: string;
  resolved: string | null;
  integrity: string | null;
  path: string;
}

/**
 * npm's own engine (@npmcli/arborist + pacote): resolves peers, verifies
 * every tarball against its integrity (EINTEGRITY) and writes a lockfile.
 * The ideal tree is checked before anything is fetched: every registry
 * package must carry a sha512 integrity equal to the registry's
 * dist.integrity for that version. Shared packages are `file:` links to the
 * running copies, forced for every dependent with `overrides`, and removed
 * after reify (the plugin folder's shared links serve them).
 */
export class ArboristInstaller implements Installer {
  readonly name = 'arborist' as const;

  async install(request: InstallRequest): Promise<InstallOutcome> {
    const { plugin, root, shared } = request;
    const spec = plugin.type === 'registry' ? plugin.version : `file:${await packedTarball(request)}`;
    const manifest = {
      ...storeManifest({ [plugin.name]: spec, ...Object.fromEntries(shared.map((pkg) => [pkg.name, `file:${pkg.dir}`])) }),
      overrides: Object.fromEntries(shared.map((pkg) => [pkg.name, `$${pkg.name}`])),
    };
    await writeFile(join(root, 'package.json'), JSON.stringify(manifest, null, 2));
    if (request.lockfile) await writeFile(join(root, 'package-lock.json'), JSON.stringify(request.lockfile));
    if (plugin.sharedPeersOnly.length > 0) await linkShared(root, shared);

    // --allow-scripts is the user's approval for this install: arborist 10's own per-package
    // allowScripts policy would otherwise still block every lifecycle script.
    const arborist = new Arborist({
      ...request.options,
      path: root,
      installLinks: false,
      ignoreScripts: !request.allowScripts,
      dangerouslyAllowAllScripts: request.allowScripts,
      save: true,
    } as ConstructorParameters<typeof Arborist>[0]);
    request.progress.phase(`resolving ${plugin.name}@${plugin.version}`);
    let tree;
    try {
      tree = await arborist.buildIdealTree({});
    } catch (error) {
      throw errors.FETCH_FAILED(`${plugin.name}@${plugin.version}`, describeFetchError(error), { cause: error });
    }
    const nodes = ([...tree.inventory.values()] as unknown as TreeNode[]).filter((node) => !node.isRoot && !node.isLink && inside(root, node.path));
    const duplicate = nodes.find((node) => shared.some((pkg) => pkg.name === node.packageName));
    if (duplicate) throw errors.INSTALL_FAILED(plugin.name, `${duplicate.packageName} would be installed a second time at ${relative(root, duplicate.path)}`);

    const registryNodes = nodes.filter((node) => !node.resolved?.startsWith('file:'));
    request.progress.phase(`checking ${registryNodes.length} package(s) against the registry's integrity`);
    await Promise.all(registryNodes.map((node) => checkAgainstRegistry(node, request.options)));

    // pacote verifies each tarball against the integrity checked above while reify extracts
    // it (EINTEGRITY); its fetches are counted for the progress line.
    const tarballs = new Map(registryNodes.map((node) => [node.resolved!, `${node.packageName}@${node.version}`]));
    let done = 0;
    const onLog = (level: string, ...args: unknown[]) => {
      if (level !== 'http' || args[0] !== 'fetch') return;
      const url = String(args[1] ?? '').split(' ').find((word) => tarballs.has(word));
      if (url) request.progress.fetched(tarballs.get(url)!, ++done, tarballs.size);
    };
    process.on('log', onLog);
    try {
      await arborist.reify({ ...request.options, save: true } as Parameters<typeof arborist.reify>[0]);
    } catch (error) {
      if (isIntegrityError(error)) throw errors.INTEGRITY(integrityLabel(error) ?? plugin.name, 'the downloaded tarball does not match the registry\'s sha512 (EINTEGRITY)', { cause: error });
      throw errors.INSTALL_FAILED(plugin.name, describeFetchError(error), { cause: error });
    } finally {
      process.off('log', onLog);
    }
    for (const pkg of shared) await rm(join(root, 'node_modules', pkg.name), { recursive: true, force: true });
    const lockfile = JSON.parse(await readFile(join(root, 'package-lock.json'), 'utf8').catch(() => 'null')) as unknown;
    const packages: InstalledPackage[] = nodes.map((node) => ({
      name: node.packageName,
      version: node.version,
      ...(node.resolved ? { resolved: node.resolved } : {}),
      ...(node.integrity ? { integrity: node.integrity } : {}),
    }));
    return { packageDir: join(root, 'node_modules', plugin.name), packages, ...(lockfile ? { lockfile } : {}) };
  }
}

/**
 * The node's integrity must be sha512 and equal the registry's dist.integrity
 * for its version (the abbreviated document arborist resolved with, from the
 * shared packument cache: no second request).
 */
async function checkAgainstRegistry(node: TreeNode, options: Record<string, unknown>): Promise<void> {
  const label = `${node.packageName}@${node.version}`;
  requireSha512(label, node.integrity);
  let packument: Packument;
  try {
    packument = (await pacote.packument(node.packageName, { ...options, fullMetadata: false })) as unknown as Packument;
  } catch (error) {
    throw errors.FETCH_FAILED(label, describeFetchError(error), { cause: error });
  }
  const published = packument.versions[node.version];
  requireSha512(label, published?.dist?.integrity);
  if (published!.dist!.integrity !== node.integrity) throw errors.INTEGRITY(label, 'the integrity in the resolved tree differs from the registry\'s dist.integrity');
}

/**
 * The links reify would make for the shared packages, made first, so that
 * arborist reads them as part of the actual tree. Left to create them itself
 * while it places a peer dependency on one of them (a plugin whose only tie
 * to @mcpctl/kernel is a peerDependency, as `plugins create` scaffolds it),
 * arborist 10 fails with "Cannot read properties of null (reading 'matches')";
 * a dependency with such a peer is placed fine. Only then: reading the links'
 * targets costs arborist ≈80 ms.
 */
async function linkShared(root: string, shared: InstallRequest['shared']): Promise<void> {
  for (const pkg of shared) {
    const link = join(root, 'node_modules', pkg.name);
    await mkdir(dirname(link), { recursive: true });
    await symlink(relative(dirname(link), pkg.dir), link, 'dir');
  }
}

/**
 * A local tarball as is; a local directory packed the way `npm pack` would
 * (its `files`, .npmignore), so an install from a directory gets exactly what
 * publishing it would ship.
 */
async function packedTarball(request: InstallRequest): Promise<string> {
  if (request.plugin.type === 'file') return request.plugin.fetchSpec;
  const data = await pacote.tarball(`file:${request.plugin.fetchSpec}`, { ...request.options, ignoreScripts: !request.allowScripts, Arborist } as Parameters<typeof pacote.tarball>[1]);
  const file = join(request.root, 'source.tgz');
  await writeFile(file, data);
  return file;
}

/** The package an EINTEGRITY error names, when it does. */
function integrityLabel(error: unknown): string | undefined {
  const { pkgid } = error as { pkgid?: string };
  return typeof pkgid === 'string' ? pkgid : undefined;
}

function inside(root: string, path: string): boolean {
  return path === root || path.startsWith(root + sep);
}
