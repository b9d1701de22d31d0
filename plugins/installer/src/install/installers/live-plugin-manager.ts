import { mkdir, realpath, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PluginManager } from 'live-plugin-manager';
import pacote from 'pacote';
import * as tar from 'tar';
import * as errors from '../../errors.js';
import { integrityOf } from '../../registry/integrity.js';
import { VerifyingProxy } from '../../registry/verifying-proxy.js';
import type { Installer, InstallOutcome, InstallRequest } from '../installer.js';

/**
 * live-plugin-manager 1.x, used for installing only (it cannot load ESM;
 * mcpctl loads plugins itself with native import()). It checks no
 * integrity, so it talks to the registry through a VerifyingProxy that
 * serves only tarballs matching the registry's sha512. It ignores peer
 * dependencies and runs no package scripts; shared packages are passed as
 * ignored dependencies and resolve through the plugin folder's shared links.
 */
export class LivePluginManagerInstaller implements Installer {
  readonly name = 'live-plugin-manager' as const;

  async install(request: InstallRequest): Promise<InstallOutcome> {
    const { plugin, root } = request;
    if (request.allowScripts) throw errors.SCRIPTS_UNSUPPORTED(this.name);
    let fetched = 0;
    const proxy = new VerifyingProxy(request.registry, (label) => request.progress.fetched(label, ++fetched, fetched));
    const proxyUrl = await proxy.start();
    try {
      const manager = new PluginManager({
        cwd: root,
        pluginsPath: join(root, 'plugins'),
        versionsPath: join(root, 'versions'),
        npmRegistryUrl: proxyUrl,
        npmInstallMode: 'noCache',
        ignoredDependencies: request.shared.map((pkg) => pkg.name),
        lockWait: 60_000,
      });
      request.progress.phase(`installing ${plugin.name}@${plugin.version}`);
      try {
        if (plugin.type === 'registry') await manager.installFromNpm(plugin.name, plugin.version);
        else await manager.installFromPath(await unpacked(request), { force: true });
      } catch (error) {
        if (proxy.failure) throw proxy.failure;
        throw errors.INSTALL_FAILED(plugin.name, error instanceof Error ? error.message : String(error), { cause: error });
      }
      if (proxy.failure) throw proxy.failure;
      const packages = [...proxy.verified];
      if (plugin.type !== 'registry') packages.unshift({ name: plugin.name, version: plugin.version, resolved: plugin.resolved });
      return { packageDir: await realpath(join(root, 'plugins', plugin.name)), packages };
    } finally {
      await proxy.stop();
    }
  }
}

/** A local tarball or directory as the files publishing it would ship, extracted under root/source. */
async function unpacked(request: InstallRequest): Promise<string> {
  const target = join(request.root, 'source');
  await mkdir(target, { recursive: true });
  // Packing a directory needs arborist (npm-packlist walks its tree); a tarball is read as is.
  const Arborist = request.plugin.type === 'directory' ? (await import('@npmcli/arborist')).default : undefined;
  const data = await pacote.tarball(`file:${request.plugin.fetchSpec}`, { ...request.options, ignoreScripts: true, ...(Arborist ? { Arborist } : {}) } as Parameters<typeof pacote.tarball>[1]);
  await writeFile(join(request.root, 'source.tgz'), data);
  await tar.extract({ file: join(request.root, 'source.tgz'), cwd: target, strip: 1 });
  request.plugin.integrity ??= integrityOf(data);
  return target;
}
