import type { RegistrySettings } from '../registry/npmrc.js';
import type { RegistryClient } from '../registry/registry-client.js';
import type { Progress } from './progress.js';
import type { ResolvedPlugin } from './resolve-plugin.js';

/** The installers mcpctl ships; `direct` is the default (see README: why). */
export type InstallerName = 'direct' | 'arborist' | 'live-plugin-manager';
export const INSTALLER_NAMES: readonly InstallerName[] = ['direct', 'arborist', 'live-plugin-manager'];
export const DEFAULT_INSTALLER: InstallerName = 'direct';

/** A package the running mcpctl provides to every plugin (never installed a second time). */
export interface SharedPackage {
  name: string;
  /** The running copy's package directory. */
  dir: string;
  version: string;
}

export interface InstallRequest {
  plugin: ResolvedPlugin;
  /**
   * An empty directory the installer fills and that stays where it is (links
   * inside it may be absolute). The plugin package ends up somewhere in it.
   */
  root: string;
  /** npm settings (registry, scopes, auth, cache) for pacote / npm-registry-fetch. */
  options: Record<string, unknown>;
  settings: RegistrySettings;
  /** Package documents and tarballs (shared with resolution: each document is fetched once). */
  registry: RegistryClient;
  allowScripts: boolean;
  /** Resolved from the running mcpctl; a dependency or peer on one of them is satisfied by it. */
  shared: SharedPackage[];
  /** The lockfile of an earlier install of this version, to reproduce its dependency tree. */
  lockfile?: unknown;
  progress: Progress;
}

/** One package an install put on disk. */
export interface InstalledPackage {
  name: string;
  version: string;
  /** Tarball URL (registry) or path. */
  resolved?: string;
  /** sha512 integrity, checked against the registry's dist.integrity before anything was extracted. */
  integrity?: string;
}

export interface InstallOutcome {
  /** The plugin package's directory inside `root`. */
  packageDir: string;
  /** The plugin and every dependency installed with it (shared packages excluded). */
  packages: InstalledPackage[];
  /** A lockfile reproducing the tree, when the installer writes one. */
  lockfile?: unknown;
  /** The installer that did the work, when it handed the install to another (recorded instead). */
  installer?: InstallerName;
}

/**
 * Puts a resolved plugin and its dependencies into a staging root. Contract,
 * whichever implementation runs: every registry package's tarball is checked
 * against the sha512 in the registry's `dist.integrity` before it is
 * extracted (a mismatch fails with MCPCTL_INSTALL_INTEGRITY); shared
 * packages are never installed; lifecycle scripts run only when
 * `allowScripts` is set; nothing outside `root` is written; no plugin code
 * is loaded (mcpctl loads plugins later, with native import()).
 */
export interface Installer {
  readonly name: InstallerName;
  install(request: InstallRequest): Promise<InstallOutcome>;
}

/** The package.json of a store directory (the root of one install): a private package depending on what it holds. */
export function storeManifest(dependencies: Record<string, string>): { name: string; version: string; private: true; dependencies: Record<string, string> } {
  return { name: 'mcpctl-plugin-store', version: '0.0.0', private: true, dependencies };
}

export async function createInstaller(name: InstallerName): Promise<Installer> {
  if (name === 'live-plugin-manager') return new (await import('./installers/live-plugin-manager.js')).LivePluginManagerInstaller();
  if (name === 'arborist') return new (await import('./installers/arborist.js')).ArboristInstaller();
  return new (await import('./installers/direct.js')).DirectInstaller();
}
