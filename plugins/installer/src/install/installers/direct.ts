import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as errors from '../../errors.js';
import { matchesIntegrity, requireSha512, requireUnchanged } from '../../registry/integrity.js';
import { describeFetchError } from '../../registry/packument.js';
import { lockfileOf, pinnedPackages } from '../direct/lockfile.js';
import { NeedsFullEngine, planTree, UnresolvableDependency, type PlannedPackage } from '../direct/plan-tree.js';
import { TarballCache } from '../direct/tarball-cache.js';
import { linkBins, unpackTarball } from '../direct/unpack.js';
import { byCodeUnits } from '../direct/order.js';
import { storeManifest, type Installer, type InstallOutcome, type InstallRequest } from '../installer.js';

/** Tarballs downloaded and unpacked at once. */
const PARALLEL_TARBALLS = 16;

/**
 * mcpctl's own installer for registry plugins: plans the tree npm would
 * build (npm-pick-manifest picks each version, as npm does), checks every
 * package's sha512 `dist.integrity` before a byte of it is unpacked, unpacks
 * with node-tar, links `bin`s and writes an npm lockfile (lockfileVersion 3)
 * that a reinstall replays. Without npm's engine to load, it installs in a
 * fraction of arborist's time. Lifecycle scripts never run here: with
 * `--allow-scripts`, for a local tarball or directory, and for trees it does
 * not plan (an aliased, git, URL or file dependency; a peer conflict) it
 * hands the install to arborist, and the record names arborist.
 */
export class DirectInstaller implements Installer {
  readonly name = 'direct' as const;

  constructor(private readonly fullEngine: () => Promise<Installer> = async () => new (await import('./arborist.js')).ArboristInstaller()) {}

  async install(request: InstallRequest): Promise<InstallOutcome> {
    const { plugin, root } = request;
    if (plugin.type !== 'registry') return this.handOver(request, `packing ${plugin.fetchSpec}`);
    if (request.allowScripts) return this.handOver(request, 'running package scripts');
    request.progress.phase(`resolving ${plugin.name}@${plugin.version}`);
    const pinned = request.lockfile ? pinnedPackages(request.lockfile) : new Map<string, { version: string; integrity?: string }>();
    let planned: PlannedPackage[];
    try {
      planned = await planTree({
        plugin,
        packument: (name) => request.registry.packument(name),
        shared: request.shared.map((pkg) => pkg.name),
        pinned: new Map([...pinned].map(([location, pin]) => [location, pin.version])),
      });
    } catch (error) {
      if (error instanceof NeedsFullEngine) return this.handOver(request, error.message);
      if (error instanceof UnresolvableDependency) throw errors.INSTALL_FAILED(`${plugin.name}@${plugin.version}`, error.message, { cause: error });
      throw errors.FETCH_FAILED(`${plugin.name}@${plugin.version}`, describeFetchError(error), { cause: error });
    }

    // Every package must have a sha512 in the registry, and a replayed one the same as when it was installed.
    for (const pkg of planned) {
      const label = `${pkg.name}@${pkg.version}`;
      const integrity = requireSha512(label, pkg.manifest.dist?.integrity);
      const pin = pinned.get(pkg.location);
      if (pin?.version === pkg.version) requireUnchanged(label, integrity, pin.integrity);
      if (!pkg.manifest.dist?.tarball) throw errors.INSTALL_FAILED(label, 'the registry document names no tarball for it');
    }

    await writeFile(join(root, 'package.json'), JSON.stringify(storeManifest({ [plugin.name]: plugin.version }), null, 2));
    const cache = new TarballCache(typeof request.options.cache === 'string' ? join(request.options.cache, 'tarballs') : undefined);
    let done = 0;
    await eachLimited(planned, PARALLEL_TARBALLS, async (pkg) => {
      const label = `${pkg.name}@${pkg.version}`;
      const integrity = pkg.manifest.dist!.integrity!;
      let data = await cache.read(integrity);
      if (!data) {
        try {
          data = await request.registry.tarball(pkg.manifest.dist!.tarball!, pkg.name);
        } catch (error) {
          throw errors.FETCH_FAILED(label, describeFetchError(error), { cause: error });
        }
        if (!matchesIntegrity(data, integrity)) throw errors.INTEGRITY(label, 'the downloaded tarball does not match the registry\'s sha512 dist.integrity');
        await cache.write(integrity, data);
      }
      try {
        await unpackTarball(data, join(root, pkg.location));
      } catch (error) {
        throw errors.INSTALL_FAILED(label, `its tarball cannot be unpacked: ${(error as Error).message}`, { cause: error });
      }
      request.progress.fetched(label, ++done, planned.length);
    });
    const claimed = new Set<string>();
    for (const pkg of [...planned].sort((a, b) => a.location.length - b.location.length || byCodeUnits(a.location, b.location))) {
      if (pkg.manifest.bin) await linkBins(join(root, pkg.location), pkg.manifest, claimed);
    }
    const lockfile = lockfileOf(plugin, planned);
    await writeFile(join(root, 'package-lock.json'), JSON.stringify(lockfile, null, 2));
    return {
      packageDir: join(root, 'node_modules', plugin.name),
      packages: planned.map((pkg) => ({ name: pkg.name, version: pkg.version, resolved: pkg.manifest.dist!.tarball!, integrity: pkg.manifest.dist!.integrity! })),
      lockfile,
    };
  }

  /** arborist installs what this installer does not; the outcome says so. */
  private async handOver(request: InstallRequest, why: string): Promise<InstallOutcome> {
    request.progress.phase(`${why}: using npm's engine (arborist)`);
    const engine = await this.fullEngine();
    return { ...(await engine.install(request)), installer: engine.name };
  }
}

/**
 * Runs `work` for every item, at most `limit` at a time. After a failure no
 * new work starts, and the first failure is thrown once the work under way
 * has settled (so that nobody is still writing into a staging directory
 * that is about to be removed).
 */
async function eachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (!failure && next < items.length) {
      const item = items[next++]!;
      try {
        await work(item);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure) throw failure.error;
}
