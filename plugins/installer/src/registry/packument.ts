import pickManifest from 'npm-pick-manifest';
import * as errors from '../errors.js';
import type { RegistryClient } from './registry-client.js';

export interface PackumentVersion {
  name: string;
  version: string;
  description?: string;
  keywords?: string[];
  mcpctl?: unknown;
  deprecated?: string;
  dist?: { integrity?: string; shasum?: string; tarball?: string };
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  bundleDependencies?: string[] | boolean;
  bin?: string | Record<string, string>;
  os?: string[];
  cpu?: string[];
  libc?: string[];
}

export interface Packument {
  name: string;
  'dist-tags': Record<string, string>;
  versions: Record<string, PackumentVersion>;
}

/** The registry document of a package, with every version's full package.json (so `mcpctl` manifests are there). */
export async function fetchPackument(name: string, registry: RegistryClient): Promise<Packument> {
  try {
    return await registry.packument(name, { full: true });
  } catch (error) {
    throw errors.FETCH_FAILED(name, describeFetchError(error), { cause: error });
  }
}

/**
 * The version npm would install for `wanted` (a range, a version or a
 * dist-tag), as npm-pick-manifest picks it (preferring `latest`, avoiding
 * deprecated versions and ones whose engines exclude this Node); throws
 * code ETARGET when none fits.
 */
export function pickVersion(packument: Packument, wanted: string): PackumentVersion {
  return pickManifest(packument as unknown as pickManifest.Packument, wanted, { defaultTag: 'latest', nodeVersion: process.version }) as unknown as PackumentVersion;
}

/** A short reason for a registry failure: status, code, no secrets. */
export function describeFetchError(error: unknown): string {
  const e = error as { statusCode?: number; code?: string; message?: string };
  if (e.statusCode === 404 || e.code === 'E404') return 'not found in the registry (404)';
  if (e.statusCode === 401 || e.code === 'E401') return 'the registry wants authentication (401): add an auth token for it to .npmrc';
  if (e.statusCode === 403 || e.code === 'E403') return 'the registry refused access (403): check the auth token in .npmrc';
  if (e.code === 'ETARGET') return e.message?.split('\n')[0] ?? 'no matching version';
  if (e.code === 'ECONNREFUSED' || e.code === 'ENOTFOUND' || e.code === 'ETIMEDOUT' || e.code === 'ECONNRESET') return `${e.code} (is the registry reachable?)`;
  return (e.message ?? String(error)).split('\n')[0]!;
}
