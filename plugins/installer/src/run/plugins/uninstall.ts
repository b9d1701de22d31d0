import type { CommandIO, KernelServices } from '@mcpctl/kernel';
import * as errors from '../../errors.js';
import { PluginFolder } from '../../store/plugin-folder.js';
import { InstallRecord } from '../../store/install-record.js';
import { withFolderLock } from '../../store/lock.js';
import { configUsesOf } from './still-used.js';

export async function runUninstall(input: { io: CommandIO; kernel: KernelServices; names: string[] }): Promise<number> {
  const folder = new PluginFolder(input.kernel.paths.plugins);
  // Read while the plugins are still there (the config still validates).
  const records = input.names.flatMap((name) => input.kernel.plugins.list().filter((record) => record.name === name && record.state !== 'shadowed'));
  const stillUsed = await configUsesOf(input.kernel, records);
  const removed = await withFolderLock(folder.root, async () => {
    const record = await InstallRecord.read(folder.record);
    const present = await folder.entryNames();
    // Check every name first: all or nothing.
    for (const name of input.names) {
      if (!present.includes(name) && !record.get(name)) throw errors.NOT_INSTALLED(name, present.join(', ') || 'none');
    }
    const done: Array<{ name: string; version?: string; linked: boolean }> = [];
    for (const name of input.names) {
      const target = await folder.target(name);
      const linked = target !== undefined && !(await folder.isStored(target));
      await folder.unpoint(name);
      const version = record.get(name)?.version;
      record.delete(name);
      done.push({ name, ...(version ? { version } : {}), linked });
    }
    await record.save();
    await folder.collectGarbage();
    return done;
  });
  if (input.io.json) {
    input.io.printJson({ uninstalled: removed, stillUsed });
    return 0;
  }
  for (const item of removed) input.io.print(`✓ ${item.linked ? 'unlinked' : 'uninstalled'} ${item.name}${item.version ? `@${item.version}` : ''}`);
  if (stillUsed.length > 0) {
    input.io.stderr.write(`warning: the config still uses what was removed, and will not validate until these go (or the plugin comes back):\n${stillUsed.map((use) => `  ${use}\n`).join('')}`);
  }
  return 0;
}
