import type { CommandIO, KernelServices } from '@mcpctl/kernel';
import semver from 'semver';
import * as errors from '../../errors.js';
import { installPlugins, type InstallWish } from '../../install/install-plugins.js';
import { fetchPackument } from '../../registry/packument.js';
import type { SetupChecker } from '../../install/setup-check.js';
import { openSession, type InstallerSettings, type SessionOptions } from '../../session.js';
import { InstallRecord } from '../../store/install-record.js';
import { printInstalled } from './install.js';
import { fits, newestFitting } from './outdated.js';

export async function runUpdate(input: { io: CommandIO; kernel: KernelServices; options: SessionOptions & { latest?: boolean }; names: string[]; defaults: InstallerSettings; checker?: SetupChecker }): Promise<number> {
  const session = openSession(input.kernel, input.io, input.options, input.defaults, input.checker);
  const record = await InstallRecord.read(session.folder.record);
  const registryEntries = record.list().filter((entry) => entry.type === 'registry');
  const names = input.names.length > 0 ? input.names : registryEntries.map((entry) => entry.name);
  const wishes: InstallWish[] = [];
  const upToDate: Array<{ name: string; version: string }> = [];
  // Decide every target first: a refusal leaves everything as it was.
  for (const name of names) {
    const entry = record.get(name);
    if (!entry) throw errors.NOT_INSTALLED(name, record.list().map((item) => item.name).join(', ') || 'none');
    if (entry.type !== 'registry') throw errors.NOT_FROM_REGISTRY(name, entry.type === 'link' ? `a linked working copy (${entry.resolved})` : `a ${entry.type} (${entry.resolved})`);
    const packument = await fetchPackument(name, session.registry);
    const range = entry.range ?? `^${entry.version}`;
    let target: string | undefined;
    let keepRange = range;
    if (input.options.latest) {
      target = packument['dist-tags'].latest;
      if (!target) throw errors.UPDATE_REFUSED(name, 'the registry has no latest tag for it');
      if (!fits(packument, target, session.kernel.apiVersion)) {
        const api = (packument.versions[target]?.mcpctl as { apiVersion?: string } | undefined)?.apiVersion ?? 'none';
        throw errors.UPDATE_REFUSED(name, `its latest version ${target} needs plugin API ${api}, this mcpctl provides ${session.kernel.apiVersion} (newest that fits: ${newestFitting(packument, '*', session.kernel.apiVersion) ?? 'none'})`);
      }
      keepRange = `^${target}`;
    } else {
      target = newestFitting(packument, range, session.kernel.apiVersion);
    }
    if (!target || !semver.gt(target, entry.version)) {
      upToDate.push({ name, version: entry.version });
      continue;
    }
    wishes.push({ spec: `${name}@${target}`, range: keepRange });
  }
  const installed = wishes.length > 0 ? (await installPlugins(session, wishes, { reinstall: true })).installed : [];
  printInstalled(input.io, installed, upToDate, 'Nothing to update: no plugin was installed from a registry.');
  return 0;
}
