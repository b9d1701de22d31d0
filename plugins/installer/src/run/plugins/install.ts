import type { CommandIO, KernelServices } from '@mcpctl/kernel';
import { packageNameOf } from '@mcpctl/kernel/plugins';
import semver from 'semver';
import { describeProvides, providesJson } from '../../install/describe.js';
import { installPlugins, type Installed, type InstallWish } from '../../install/install-plugins.js';
import type { SetupChecker } from '../../install/setup-check.js';
import { openSession, type InstallerSettings, type InstallSession, type SessionOptions } from '../../session.js';
import { InstallRecord } from '../../store/install-record.js';

export async function runInstall(input: { io: CommandIO; kernel: KernelServices; options: SessionOptions & { force?: boolean }; specs: string[]; defaults: InstallerSettings; checker?: SetupChecker }): Promise<number> {
  const session = openSession(input.kernel, input.io, input.options, input.defaults, input.checker);
  const { wishes, upToDate } = input.specs.length > 0 ? { wishes: input.specs.map((spec) => ({ spec })), upToDate: [] } : await wishesFromConfig(session);
  const { installed, current } = wishes.length > 0 ? await installPlugins(session, wishes, { reinstall: input.options.force ?? false }) : { installed: [], current: [] };
  printInstalled(input.io, installed, [...upToDate, ...current]);
  return 0;
}

/** Reports installs; shared with `plugins update`. */
export function printInstalled(io: CommandIO, installed: Installed[], upToDate: Array<{ name: string; version: string }>, nothing = 'Nothing to install: the config\'s `plugins:` list names no packages.'): void {
  if (io.json) {
    io.printJson({
      installed: installed.map(({ entry, previous, plugin, warnings }) => ({
        name: entry.name, version: entry.version, ...(previous ? { previous } : {}), type: entry.type, range: entry.range, integrity: entry.integrity,
        registry: entry.registry, installer: entry.installer, path: entry.path, dependencies: entry.dependencies.length, provides: providesJson(plugin.manifest), warnings,
      })),
      upToDate,
    });
    return;
  }
  for (const { entry, previous, plugin, warnings } of installed) {
    const checked = entry.type === 'registry' ? 'sha512 verified against the registry' : 'dependencies verified, sha512 recorded';
    io.print(`✓ ${entry.name}@${entry.version}${previous && previous !== entry.version ? ` (was ${previous})` : ''} — ${entry.dependencies.length} dependenc${entry.dependencies.length === 1 ? 'y' : 'ies'}, ${checked}`);
    for (const line of describeProvides(plugin.manifest)) io.print(`    ${line}`);
    for (const warning of warnings) io.stderr.write(`warning: ${warning}\n`);
  }
  for (const { name, version } of upToDate) io.print(`✓ ${name}@${version} already installed`);
  if (installed.length === 0 && upToDate.length === 0) io.print(nothing);
}

/**
 * The config's `plugins:` list, package names only (paths are used in place):
 * each name@range reinstalls the version plugins.json recorded when it still
 * fits the range (with the recorded integrity and lockfile), or the newest
 * version the range allows. Already-installed ones are left alone.
 */
async function wishesFromConfig(session: InstallSession): Promise<{ wishes: InstallWish[]; upToDate: Array<{ name: string; version: string }> }> {
  const loaded = await session.kernel.loadConfig();
  const list = ((loaded.config as { plugins?: unknown }).plugins ?? []) as unknown[];
  const record = await InstallRecord.read(session.folder.record);
  const wishes: InstallWish[] = [];
  const upToDate: Array<{ name: string; version: string }> = [];
  for (const item of list) {
    if (typeof item !== 'string' || item.startsWith('.') || item.startsWith('/')) continue;
    const name = packageNameOf(item);
    const range = item.slice(name.length + 1) || '*';
    const known = record.get(name);
    if (known && known.type === 'registry' && semver.satisfies(known.version, range)) {
      if (await session.folder.installedVersion(name) === known.version) {
        upToDate.push({ name, version: known.version });
        continue;
      }
      wishes.push({ spec: `${name}@${range}`, range, pinned: { version: known.version, ...(known.integrity ? { integrity: known.integrity } : {}), ...(known.lockfile ? { lockfile: known.lockfile } : {}) } });
    } else {
      wishes.push({ spec: `${name}@${range}`, ...(range !== '*' ? { range } : {}) });
    }
  }
  return { wishes, upToDate };
}
