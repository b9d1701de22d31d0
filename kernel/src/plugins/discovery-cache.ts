import { readFileSync, realpathSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { BuiltinDirMemo } from './candidates.js';
import { fileStamp } from './file-stamp.js';
import type { InspectedPlugin } from './inspect-package.js';

/** Bump when the cache's shape changes. */
const CACHE_FORMAT = 2;

interface CacheFile {
  format: number;
  /** Kernel version + plugin API version: any kernel change invalidates everything. */
  kernel: string;
  entries: Record<string, { key: string; inspected: InspectedPlugin }>;
  /** The `plugins:` list of a config file, keyed by path + mtime + size + profile. */
  configPlugins?: Record<string, { key: string; plugins: string[] }>;
  /** Where the built-ins were resolved, keyed by builtinResolutionKey. */
  builtinDirs?: { key: string; dirs: string[] };
}

/**
 * The on-disk discovery cache. An entry is keyed by the package directory,
 * the mtime and size of its package.json, and the mtimes of its entry and
 * config schema files — so editing, rebuilding, upgrading or moving a plugin
 * invalidates it — and the whole file by the kernel version.
 */
export class DiscoveryCache implements BuiltinDirMemo {
  private data: CacheFile;
  private dirty = false;

  constructor(private readonly file: string, private readonly kernel: string) {
    this.data = this.read();
  }

  private read(): CacheFile {
    const empty: CacheFile = { format: CACHE_FORMAT, kernel: this.kernel, entries: {} };
    try {
      const parsed = JSON.parse(readFileSync(this.file, 'utf8')) as CacheFile;
      return parsed.format === CACHE_FORMAT && parsed.kernel === this.kernel ? parsed : empty;
    } catch {
      return empty;
    }
  }

  /** `known` passes what the caller already read of the directory (its real path, its package.json's stamp). */
  lookup(dir: string, known: KnownStamps = {}): InspectedPlugin | undefined {
    const cached = this.data.entries[dir];
    return cached && cached.key === packageKey(dir, cached.inspected, known) ? cached.inspected : undefined;
  }

  store(dir: string, inspected: InspectedPlugin, known: KnownStamps = {}): void {
    this.data.entries[dir] = { key: packageKey(dir, inspected, known), inspected };
    this.dirty = true;
  }

  lookupConfigPlugins(key: string, filepath: string): string[] | undefined {
    const cached = this.data.configPlugins?.[filepath];
    return cached?.key === key ? cached.plugins : undefined;
  }

  storeConfigPlugins(key: string, filepath: string, plugins: string[]): void {
    (this.data.configPlugins ??= {})[filepath] = { key, plugins };
    this.dirty = true;
  }

  recallBuiltinDirs(key: string): readonly string[] | undefined {
    return this.data.builtinDirs?.key === key ? this.data.builtinDirs.dirs : undefined;
  }

  rememberBuiltinDirs(key: string, dirs: readonly string[]): void {
    this.data.builtinDirs = { key, dirs: [...dirs] };
    this.dirty = true;
  }

  /** Drop entries for directories not seen this run, then write if anything changed. */
  async save(seenDirs: Set<string>): Promise<void> {
    for (const dir of Object.keys(this.data.entries)) {
      if (!seenDirs.has(dir)) {
        delete this.data.entries[dir];
        this.dirty = true;
      }
    }
    if (!this.dirty) return;
    try {
      // Imported here: most runs find the cache as it was and write nothing.
      const [{ writeFileAtomic }, { remotableCacheContent, remotableCacheFile }] = await Promise.all([import('../util/atomic-write.js'), import('./remotable-commands.js')]);
      await writeFileAtomic(this.file, JSON.stringify(this.data));
      // The daemon's thin client reads only this (stamped with the file just written), not the whole cache.
      await writeFileAtomic(remotableCacheFile(this.file), remotableCacheContent(this.file, this.data.entries));
      this.dirty = false;
    } catch {
      /* a read-only cache directory only costs speed */
    }
  }
}

function realPath(path: string): string {
  try {
    // The native call: one syscall, where the JS realpath lstat()s every path component.
    return realpathSync.native(path);
  } catch {
    return '-';
  }
}

export interface KnownStamps {
  realDir?: string;
  packageStamp?: string;
  /** A sealed store entry (candidates.ts): its target names its content. */
  sealed?: boolean;
}

function packageKey(dir: string, inspected: InspectedPlugin, known: KnownStamps): string {
  if (known.sealed && known.realDir) return `${dir}|sealed|${known.realDir}`;
  const manifest = inspected.record?.manifest;
  // The real path too: an install or `plugins link` swaps a symbolic link in the user
  // folder, and npm tarballs carry fixed mtimes, so the stamps alone could repeat.
  const parts = [dir, known.realDir ?? realPath(dir), known.packageStamp ?? fileStamp(join(dir, 'package.json'))];
  if (manifest) parts.push(fileStamp(resolve(dir, manifest.entry)));
  if (manifest?.configSchema) parts.push(fileStamp(resolve(dir, manifest.configSchema)));
  return parts.join('|');
}
