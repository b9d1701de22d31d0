import { readFile, realpath } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { CommandIO, KernelServices } from '@mcpctl/kernel';
import { inspectPackage } from '@mcpctl/kernel/plugins';
import * as errors from '../../errors.js';
import { describeProvides, providesJson } from '../../install/describe.js';
import { sharedPackages } from '../../install/shared-packages.js';
import { InstallRecord } from '../../store/install-record.js';
import { withFolderLock } from '../../store/lock.js';
import { PluginFolder } from '../../store/plugin-folder.js';

/** Points the plugin folder's entry at a working copy, after checking it with discovery's rules. */
export async function runLink(input: { io: CommandIO; kernel: KernelServices; dir: string }): Promise<number> {
  const dir = await realpath(resolve(input.kernel.options.cwd, input.dir)).catch(() => {
    throw errors.LINK_INVALID(input.dir, 'no such directory');
  });
  const pkg = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8').catch(() => {
    throw errors.LINK_INVALID(dir, 'it has no package.json');
  })) as { name?: string; version?: string };
  const inspected = inspectPackage(dir, 'linked', input.kernel.apiVersion);
  const problems = inspected.problems.filter((problem) => problem.severity === 'error');
  if (!inspected.record || problems.length > 0) throw errors.LINK_INVALID(dir, problems.map((problem) => `${problem.message} (${problem.hint})`).join('; ') || 'not a plugin');
  const name = inspected.record.name;
  const folder = new PluginFolder(input.kernel.paths.plugins);
  await withFolderLock(folder.root, async () => {
    await folder.ensure();
    await folder.linkShared(sharedPackages());
    await folder.point(name, dir);
    const record = await InstallRecord.read(folder.record);
    record.set({ name, version: pkg.version ?? '0.0.0', type: 'link', spec: dir, resolved: dir, installedAt: new Date().toISOString(), path: dir, dependencies: [] });
    await record.save();
    await folder.collectGarbage();
  });
  if (input.io.json) input.io.printJson({ linked: { name, version: pkg.version, path: dir, provides: providesJson(inspected.record.manifest) } });
  else {
    input.io.print(`✓ linked ${name} → ${dir}`);
    for (const line of describeProvides(inspected.record.manifest)) input.io.print(`    ${line}`);
  }
  return 0;
}
