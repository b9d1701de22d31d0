import { lstat, mkdir, readdir, readFile, readlink, realpath, rename, rm, symlink } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import type { SharedPackage } from '../install/installer.js';

/**
 * The user plugin folder's layout. Discovery reads `<root>/<name>` and
 * `<root>/@scope/<name>`; here each of those is a symbolic link:
 *
 *   <root>/<name>             → .store/<id>/…/<name>   (installed: a complete tree of its own)
 *   <root>/<name>             → /any/working/copy      (linked, `plugins link`)
 *   <root>/node_modules/@mcpctl/kernel → the running mcpctl's kernel (shared)
 *   <root>/.store/<id>/       one install: the plugin and its dependencies
 *   <root>/plugins.json       the install record
 *   <root>/.lock              held while a command changes the folder
 *
 * Swapping a link is one rename(2), so an install, update or uninstall that
 * is interrupted leaves the old link — the old version still loads. Store
 * directories no link points at are removed by the next change.
 */
export class PluginFolder {
  readonly store: string;
  readonly record: string;
  readonly lockTarget: string;
  readonly sharedModules: string;

  constructor(readonly root: string) {
    this.store = join(root, '.store');
    this.record = join(root, 'plugins.json');
    this.lockTarget = root;
    this.sharedModules = join(root, 'node_modules');
  }

  entry(name: string): string {
    return join(this.root, name);
  }

  /** The version in `<name>`'s package.json, or undefined when nothing readable is there. */
  async installedVersion(name: string): Promise<string | undefined> {
    try {
      return (JSON.parse(await readFile(join(this.entry(name), 'package.json'), 'utf8')) as { version?: string }).version;
    } catch {
      return undefined;
    }
  }

  async ensure(): Promise<void> {
    await mkdir(this.store, { recursive: true });
  }

  /** A fresh, empty store directory for one install. */
  async newStoreDir(name: string, version: string): Promise<string> {
    const id = `${name.replace('/', '+')}@${version}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
    const dir = join(this.store, id);
    await mkdir(dir, { recursive: true });
    return realpath(dir);
  }

  /** Where `<root>/<name>` points, or undefined when it is absent (a plain directory answers its own path). */
  async target(name: string): Promise<string | undefined> {
    try {
      const stat = await lstat(this.entry(name));
      if (!stat.isSymbolicLink()) return this.entry(name);
      return await realpath(this.entry(name)).catch(async () => join(dirname(this.entry(name)), await readlink(this.entry(name))));
    } catch {
      return undefined;
    }
  }

  /** Whether a path lies inside this folder's store (installed) rather than elsewhere (linked). */
  async isStored(path: string): Promise<boolean> {
    const store = await realpath(this.store).catch(() => this.store);
    return path.startsWith(store + sep);
  }

  /** Atomically points `<root>/<name>` at target (a new link renamed over the old one). */
  async point(name: string, target: string): Promise<void> {
    const entry = this.entry(name);
    await mkdir(dirname(entry), { recursive: true });
    const current = await lstat(entry).catch(() => undefined);
    if (current && !current.isSymbolicLink()) {
      // A plain directory someone copied in by hand: moved aside, not merged with.
      await rename(entry, join(this.store, `replaced-${name.replace('/', '+')}-${Date.now().toString(36)}`));
    }
    const temp = join(dirname(entry), `.${name.split('/').pop()}.${process.pid}.${Date.now().toString(36)}.link`);
    await symlink(relative(dirname(entry), target), temp, 'dir');
    await rename(temp, entry);
  }

  async unpoint(name: string): Promise<void> {
    const entry = this.entry(name);
    const current = await lstat(entry).catch(() => undefined);
    if (!current) return;
    if (current.isSymbolicLink()) await rm(entry, { force: true });
    else await rename(entry, join(this.store, `removed-${name.replace('/', '+')}-${Date.now().toString(36)}`));
    if (name.startsWith('@')) await rm(dirname(entry), { recursive: false }).catch(() => {});
  }

  /** `<root>/node_modules/<shared>` → the running copy, so every installed plugin imports that one. */
  async linkShared(shared: SharedPackage[]): Promise<void> {
    for (const pkg of shared) {
      const link = join(this.sharedModules, pkg.name);
      const current = await realpath(link).catch(() => undefined);
      if (current === (await realpath(pkg.dir))) continue;
      await mkdir(dirname(link), { recursive: true });
      const temp = `${link}.${process.pid}.link`;
      await rm(temp, { force: true });
      await symlink(pkg.dir, temp, 'dir');
      await rename(temp, link).catch(async () => {
        await rm(link, { recursive: true, force: true });
        await rename(temp, link);
      });
    }
  }

  /** Removes store directories (and leftovers of interrupted link swaps) that nothing points at. */
  async collectGarbage(keep: string[] = []): Promise<string[]> {
    const live = new Set<string>(keep);
    for (const name of await this.entryNames()) {
      const target = await this.target(name);
      if (target) live.add(target);
    }
    const removed: string[] = [];
    for (const id of await readdir(this.store).catch(() => [] as string[])) {
      const dir = join(this.store, id);
      const real = await realpath(dir).catch(() => dir);
      if ([...live].some((path) => path === real || path.startsWith(real + sep))) continue;
      await rm(dir, { recursive: true, force: true });
      removed.push(dir);
    }
    for (const dir of [this.root, ...(await this.scopeDirs())]) {
      for (const file of await readdir(dir).catch(() => [] as string[])) {
        if (file.startsWith('.') && file.endsWith('.link')) await rm(join(dir, file), { force: true });
      }
    }
    return removed;
  }

  /** `name` and `@scope/name` entries of the folder. */
  async entryNames(): Promise<string[]> {
    const names: string[] = [];
    for (const entry of await readdir(this.root).catch(() => [] as string[])) {
      if (entry.startsWith('.') || entry === 'node_modules' || entry === 'plugins.json') continue;
      if (entry.startsWith('@')) for (const scoped of await readdir(join(this.root, entry)).catch(() => [] as string[])) {
        if (!scoped.startsWith('.')) names.push(`${entry}/${scoped}`);
      }
      else names.push(entry);
    }
    return names;
  }

  private async scopeDirs(): Promise<string[]> {
    return (await readdir(this.root).catch(() => [] as string[])).filter((entry) => entry.startsWith('@')).map((entry) => join(this.root, entry));
  }
}
