import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from '@mcpctl/kernel';
import * as errors from '../errors.js';
import type { InstalledPackage, InstallerName } from '../install/installer.js';

/** One plugin in plugins.json: enough to reproduce the install on another machine. */
export interface InstallRecordEntry {
  name: string;
  version: string;
  /** registry | file | directory | link */
  type: 'registry' | 'file' | 'directory' | 'link';
  /** The range `plugins update` keeps to (registry installs). */
  range?: string;
  /** The spec as given. */
  spec: string;
  /** Tarball URL, file or directory. */
  resolved: string;
  /** sha512 of the plugin's tarball (the registry's dist.integrity for registry installs). */
  integrity?: string;
  registry?: string;
  installer?: InstallerName;
  /** ISO time of the install. */
  installedAt: string;
  /** Where it lives (a store directory, or the linked working copy). */
  path: string;
  dependencies: InstalledPackage[];
  /** The installer's lockfile (arborist), replayed by a reinstall. */
  lockfile?: unknown;
}

interface RecordFile {
  format: 1;
  plugins: Record<string, InstallRecordEntry>;
}

/** plugins.json in the user plugin folder; written atomically, under the folder lock. */
export class InstallRecord {
  private constructor(private readonly file: string, private readonly data: RecordFile) {}

  static async read(file: string): Promise<InstallRecord> {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      return new InstallRecord(file, { format: 1, plugins: {} });
    }
    try {
      const data = JSON.parse(text) as RecordFile;
      if (data.format !== 1 || typeof data.plugins !== 'object' || data.plugins === null) throw new Error('expected { "format": 1, "plugins": { … } }');
      return new InstallRecord(file, data);
    } catch (error) {
      throw errors.RECORD_INVALID(file, error instanceof Error ? error.message : String(error));
    }
  }

  get(name: string): InstallRecordEntry | undefined {
    return this.data.plugins[name];
  }

  list(): InstallRecordEntry[] {
    return Object.values(this.data.plugins).sort((a, b) => a.name.localeCompare(b.name));
  }

  set(entry: InstallRecordEntry): void {
    this.data.plugins[entry.name] = entry;
  }

  delete(name: string): void {
    delete this.data.plugins[name];
  }

  async save(): Promise<void> {
    await writeFileAtomic(this.file, `${JSON.stringify(this.data, null, 2)}\n`);
  }
}
