import { storeManifest } from '../installer.js';
import { byCodeUnits } from './order.js';
import type { PlannedPackage } from './plan-tree.js';

/**
 * An npm lockfile (lockfileVersion 3, the format arborist writes) for a
 * planned tree: every package at its location with its version, tarball and
 * integrity, so a reinstall reproduces the tree and npm can read it.
 */
export function lockfileOf(plugin: { name: string; version: string }, packages: readonly PlannedPackage[]): Record<string, unknown> {
  const root = storeManifest({ [plugin.name]: plugin.version });
  const entries: Record<string, unknown> = { '': root };
  for (const pkg of [...packages].sort((a, b) => byCodeUnits(a.location, b.location))) {
    const { manifest } = pkg;
    entries[pkg.location] = {
      version: pkg.version,
      resolved: manifest.dist?.tarball,
      integrity: manifest.dist?.integrity,
      ...(pkg.optional ? { optional: true } : {}),
      ...(pkg.peer ? { peer: true } : {}),
      ...(manifest.dependencies ? { dependencies: manifest.dependencies } : {}),
      ...(manifest.optionalDependencies ? { optionalDependencies: manifest.optionalDependencies } : {}),
      ...(manifest.peerDependencies ? { peerDependencies: manifest.peerDependencies } : {}),
      ...(manifest.bin ? { bin: manifest.bin } : {}),
      ...(manifest.os ? { os: manifest.os } : {}),
      ...(manifest.cpu ? { cpu: manifest.cpu } : {}),
    };
  }
  return { name: root.name, version: root.version, lockfileVersion: 3, requires: true, packages: entries };
}

/**
 * What an earlier install placed where (lockfileVersion 2 or 3, written by
 * this installer or by arborist): location → version and integrity. Links
 * (the shared packages) and the root are skipped.
 */
export function pinnedPackages(lockfile: unknown): Map<string, { version: string; integrity?: string }> {
  const pinned = new Map<string, { version: string; integrity?: string }>();
  const packages = (lockfile as { packages?: Record<string, { version?: unknown; integrity?: unknown; link?: unknown }> } | null)?.packages;
  if (!packages || typeof packages !== 'object') return pinned;
  for (const [location, entry] of Object.entries(packages)) {
    if (location === '' || !location.startsWith('node_modules/') || entry.link || typeof entry.version !== 'string') continue;
    pinned.set(location, { version: entry.version, ...(typeof entry.integrity === 'string' ? { integrity: entry.integrity } : {}) });
  }
  return pinned;
}
