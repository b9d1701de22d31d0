import { rm } from 'node:fs/promises';
import { inspectPackage } from '@mcpctl/kernel/plugins';
import semver from 'semver';
import * as errors from '../errors.js';
import type { InstallSession } from '../session.js';
import { InstallRecord, type InstallRecordEntry } from '../store/install-record.js';
import { withFolderLock } from '../store/lock.js';
import { confirm, shouldAsk } from './confirm.js';
import { describeProvides } from './describe.js';
import { createInstaller } from './installer.js';
import { resolvePlugin, type ResolvedPlugin } from './resolve-plugin.js';

export interface InstallWish {
  spec: string;
  /** Reinstall exactly this (from the record). */
  pinned?: { version: string; integrity?: string; lockfile?: unknown };
  /** The range to record instead of the one the spec implies (update keeps the old range). */
  range?: string;
}

export interface Installed {
  entry: InstallRecordEntry;
  previous?: string;
  plugin: ResolvedPlugin;
  warnings: string[];
}

export interface InstallOutcomes {
  installed: Installed[];
  /** Resolved to exactly what is installed (same version and integrity): left alone. */
  current: Array<{ name: string; version: string }>;
}

/**
 * Installs plugins atomically, all or none:
 * 1. resolve every spec and check its manifest and apiVersion (nothing written yet);
 * 2. on a terminal, show what each provides and ask (unless --yes);
 * 3. under the folder lock: stage each into a fresh store directory with the
 *    installer (integrity checked against the registry's sha512), inspect the
 *    staged package with discovery's rules, run its setup once in a child
 *    process;
 * 4. only when every plugin passed, swap each `<folder>/<name>` link (one
 *    rename) and write plugins.json; the previous versions' directories are
 *    then collected.
 * A failure or interruption before step 4 leaves the folder as it was.
 */
export async function installPlugins(session: InstallSession, wishes: InstallWish[], options: { reinstall?: boolean } = {}): Promise<InstallOutcomes> {
  const { kernel, io, folder, progress } = session;
  // Milliseconds since the process started, for --log-level debug.
  const phase = (name: string) => kernel.logger.debug({ ms: Math.round(performance.now()) }, `install phase ${name}`);
  phase('start');
  // Loading the installer (arborist is a heavy import) overlaps resolving.
  const installerLoaded = createInstaller(session.installer);
  installerLoaded.catch(() => {});
  const resolved: Array<{ plugin: ResolvedPlugin; wish: InstallWish }> = [];
  for (const wish of wishes) {
    progress.phase(`resolving ${wish.spec}`);
    const plugin = await resolvePlugin(wish.spec, {
      cwd: kernel.options.cwd,
      settings: session.settings,
      options: session.npm,
      registry: session.registry,
      apiVersion: kernel.apiVersion,
      sharedNames: session.shared.map((pkg) => pkg.name),
      ...(wish.pinned ? { pinned: wish.pinned } : {}),
    });
    resolved.push({ plugin, wish });
  }
  progress.done();
  phase('resolved');
  // --allow-scripts changes what an install leaves behind: it always installs again.
  const current = options.reinstall || session.allowScripts ? [] : await installedAlready(session, resolved.map(({ plugin }) => plugin));
  const toInstall = resolved.filter(({ plugin }) => !current.some((item) => item.name === plugin.name));
  if (toInstall.length === 0) return { installed: [], current };

  if (shouldAsk(io, session.yes)) {
    for (const { plugin } of toInstall) io.stderr.write(`${plugin.name}@${plugin.version}${plugin.description ? ` — ${plugin.description}` : ''}\n${describeProvides(plugin.manifest).map((line) => `  ${line}\n`).join('')}`);
    if (!(await confirm(io, `Install ${toInstall.map(({ plugin }) => `${plugin.name}@${plugin.version}`).join(', ')}?`))) throw errors.DECLINED('the installation was declined');
  }

  return withFolderLock(folder.root, async () => {
    await folder.ensure();
    await folder.collectGarbage();
    await folder.linkShared(session.shared);
    const installer = await installerLoaded;
    phase('locked');
    const staged: Array<{ plugin: ResolvedPlugin; wish: InstallWish; dir: string; store: string; entry: InstallRecordEntry; warnings: string[] }> = [];
    try {
      for (const { plugin, wish } of toInstall) {
        const store = await folder.newStoreDir(plugin.name, plugin.version);
        staged.push({ plugin, wish, dir: '', store, entry: undefined as unknown as InstallRecordEntry, warnings: [] });
        const current = staged.at(-1)!;
        const outcome = await installer.install({
          plugin,
          root: store,
          options: session.npm,
          settings: session.settings,
          registry: session.registry,
          allowScripts: session.allowScripts,
          shared: session.shared,
          progress,
          ...(wish.pinned?.lockfile ? { lockfile: wish.pinned.lockfile } : {}),
        });
        phase('staged');
        progress.phase(`checking ${plugin.name}`);
        const inspected = inspectPackage(outcome.packageDir, 'user', kernel.apiVersion);
        const problems = inspected.problems.filter((problem) => problem.severity === 'error');
        if (!inspected.record || problems.length > 0) throw errors.MANIFEST_INVALID(`${plugin.name}@${plugin.version}`, problems.map((problem) => problem.message).join('; ') || 'not a plugin');
        progress.phase(`running ${plugin.name}'s setup once`);
        await session.checker.check(outcome.packageDir, plugin.name);
        phase('setup checked');
        current.dir = outcome.packageDir;
        for (const [name, range] of Object.entries(plugin.sharedRanges)) {
          const running = session.shared.find((pkg) => pkg.name === name);
          if (running && semver.validRange(range) && !semver.satisfies(running.version, range)) {
            current.warnings.push(`${plugin.name} asks for ${name}@${range}; it gets this mcpctl's ${running.version} (plugins share the running copy; its apiVersion ${plugin.manifest.apiVersion} fits)`);
          }
        }
        const integrity = plugin.integrity ?? outcome.packages.find((pkg) => pkg.name === plugin.name)?.integrity;
        current.entry = {
          name: plugin.name,
          version: plugin.version,
          type: plugin.type,
          ...(wish.range ?? plugin.range ? { range: wish.range ?? plugin.range } : {}),
          spec: plugin.type === 'registry' ? `${plugin.name}@${wish.range ?? plugin.range}` : plugin.resolved,
          resolved: plugin.resolved,
          ...(integrity ? { integrity } : {}),
          ...(plugin.registry ? { registry: plugin.registry } : {}),
          installer: outcome.installer ?? installer.name,
          installedAt: new Date().toISOString(),
          path: outcome.packageDir,
          dependencies: outcome.packages.filter((pkg) => pkg.name !== plugin.name),
          ...(outcome.lockfile ? { lockfile: outcome.lockfile } : {}),
        };
      }
    } catch (error) {
      progress.done();
      for (const { store } of staged) await rm(store, { recursive: true, force: true });
      throw error;
    }
    progress.done();
    const record = await InstallRecord.read(folder.record);
    const results: Installed[] = [];
    for (const { plugin, dir, entry, warnings } of staged) {
      const previous = record.get(plugin.name)?.version;
      await folder.point(plugin.name, dir);
      record.set(entry);
      results.push({ entry, plugin, warnings, ...(previous ? { previous } : {}) });
    }
    await record.save();
    await folder.collectGarbage();
    phase('moved into place');
    return { installed: results, current };
  }, { onWait: () => io.stderr.write(`waiting for another mcpctl to finish changing ${folder.root} …\n`) });
}

/**
 * Registry plugins that resolved to exactly the installed version (same
 * integrity, and the installed package is still that version): installing
 * them again would change nothing.
 */
async function installedAlready(session: InstallSession, plugins: ResolvedPlugin[]): Promise<Array<{ name: string; version: string }>> {
  const record = await InstallRecord.read(session.folder.record);
  const current: Array<{ name: string; version: string }> = [];
  for (const plugin of plugins) {
    const entry = record.get(plugin.name);
    if (plugin.type !== 'registry' || entry?.type !== 'registry' || entry.version !== plugin.version || entry.integrity !== plugin.integrity) continue;
    const onDisk = await session.folder.installedVersion(plugin.name);
    if (onDisk === plugin.version) current.push({ name: plugin.name, version: plugin.version });
  }
  return current;
}
