import { isAbsolute, resolve } from 'node:path';
import type { PluginManifest } from '@mcpctl/kernel';
import { apiVersionSatisfies, validateManifest } from '@mcpctl/kernel/plugins';
import npa from 'npm-package-arg';
import semver from 'semver';
import * as errors from '../errors.js';
import { requireSha512, requireUnchanged } from '../registry/integrity.js';
import { registryFor, type RegistrySettings } from '../registry/npmrc.js';
import { describeFetchError, fetchPackument, pickVersion } from '../registry/packument.js';
import type { RegistryClient } from '../registry/registry-client.js';

/** A plugin spec resolved to one version and checked — before anything is written. */
export interface ResolvedPlugin {
  /** The spec as the user gave it. */
  request: string;
  name: string;
  version: string;
  type: 'registry' | 'file' | 'directory';
  /** What the installer is given: `name@version` for the registry, an absolute path otherwise. */
  fetchSpec: string;
  /** The range to keep the plugin within on `plugins update` (registry only). */
  range?: string;
  /** Tarball URL (registry) or path. */
  resolved: string;
  /** The registry's dist.integrity (sha512) for this version (registry only). */
  integrity?: string;
  registry?: string;
  manifest: PluginManifest;
  description?: string;
  /** What the plugin asks of the shared packages (`@mcpctl/kernel`), dependency or peer. */
  sharedRanges: Record<string, string>;
  /** Shared packages it names as peer dependencies only (not also as dependencies). */
  sharedPeersOnly: string[];
}

export interface ResolveContext {
  cwd: string;
  settings: RegistrySettings;
  /** npm settings for pacote (local tarballs and directories). */
  options: Record<string, unknown>;
  registry: RegistryClient;
  apiVersion: string;
  sharedNames: string[];
  /** Exactly this version and integrity (reinstalling from the record). */
  pinned?: { version: string; integrity?: string };
}

/**
 * Resolves a spec to one version (a registry name/range/tag the way npm
 * picks it, from the registry's full document; a local tarball or directory
 * with pacote), reads its full package.json, and refuses a
 * package that is not a plugin, whose manifest is invalid, or whose
 * `apiVersion` does not accept this kernel's plugin API (naming the
 * versions that would fit).
 */
export async function resolvePlugin(request: string, context: ResolveContext): Promise<ResolvedPlugin> {
  let parsed: npa.Result;
  try {
    parsed = npa(request, context.cwd);
  } catch (error) {
    throw errors.SPEC_INVALID(request, error instanceof Error ? error.message : String(error));
  }
  const type = parsed.type === 'directory' ? 'directory' : parsed.type === 'file' ? 'file' : parsed.registry ? 'registry' : undefined;
  if (!type) throw errors.SPEC_INVALID(request, `${parsed.type} specs are not supported`);
  // A local tarball or directory, as pacote reads it.
  const local = type === 'registry' ? '' : absolute(parsed.fetchSpec!, context.cwd);
  let manifest: Record<string, unknown>;
  try {
    manifest = type === 'registry' ? await registryManifest(parsed, context) : await localManifest(`file:${local}`, context.options);
  } catch (error) {
    if (type === 'registry' && (error as { code?: string }).code === 'ETARGET') throw await versionNotFound(parsed, context, error);
    throw errors.FETCH_FAILED(request, describeFetchError(error), { cause: error });
  }
  const name = String(manifest.name);
  const version = String(manifest.version);
  if (manifest.mcpctl === undefined) throw errors.NOT_A_PLUGIN(`${name}@${version}`);
  const validated = validateManifest(manifest.mcpctl);
  if (!validated.ok) throw errors.MANIFEST_INVALID(`${name}@${version}`, validated.message);
  if (!apiVersionSatisfies(validated.manifest.apiVersion, context.apiVersion).ok) {
    const fitting = type === 'registry' ? await versionsThatFit(name, context) : [];
    throw errors.API_INCOMPATIBLE(`${name}@${version}`, validated.manifest.apiVersion, context.apiVersion, fitting.length > 0 ? fitting.slice(0, 5).join(', ') : 'none', {
      details: { plugin: name, version, apiVersion: validated.manifest.apiVersion, kernelApiVersion: context.apiVersion, versionsThatFit: fitting },
    });
  }
  const sharedRanges: Record<string, string> = {};
  for (const field of ['dependencies', 'peerDependencies'] as const) {
    const deps = (manifest[field] ?? {}) as Record<string, string>;
    for (const shared of context.sharedNames) if (deps[shared]) sharedRanges[shared] = deps[shared]!;
  }
  const dependencies = (manifest.dependencies ?? {}) as Record<string, string>;
  const peers = (manifest.peerDependencies ?? {}) as Record<string, string>;
  const sharedPeersOnly = context.sharedNames.filter((shared) => peers[shared] !== undefined && dependencies[shared] === undefined);
  const base = { request, name, version, type, manifest: validated.manifest, sharedRanges, sharedPeersOnly, ...(typeof manifest.description === 'string' ? { description: manifest.description } : {}) } as const;
  if (type !== 'registry') return { ...base, fetchSpec: local, resolved: local };
  const dist = (manifest.dist ?? {}) as { integrity?: string; tarball?: string };
  const integrity = requireSha512(`${name}@${version}`, dist.integrity ?? (manifest._integrity as string | undefined));
  requireUnchanged(`${name}@${version}`, integrity, context.pinned?.integrity);
  return {
    ...base,
    fetchSpec: `${name}@${version}`,
    range: rangeToKeep(parsed, version),
    resolved: dist.tarball ?? String(manifest._resolved),
    integrity,
    registry: registryFor(context.settings, name),
  };
}

/** The version npm would pick for the spec (or the pinned one), from the full document. */
async function registryManifest(parsed: npa.Result, context: ResolveContext): Promise<Record<string, unknown>> {
  const packument = await context.registry.packument(parsed.name!, { full: true });
  return pickVersion(packument, context.pinned?.version ?? (parsed.fetchSpec || 'latest')) as unknown as Record<string, unknown>;
}

/** pacote reads local tarballs and directories (loaded only for them: it is heavy). */
async function localManifest(spec: string, options: Record<string, unknown>): Promise<Record<string, unknown>> {
  const { default: pacote } = await import('pacote');
  return (await pacote.manifest(spec, { ...options, fullMetadata: true })) as unknown as Record<string, unknown>;
}

/** Versions (newest first) whose manifest accepts this kernel's plugin API. */
export async function versionsThatFit(name: string, context: Pick<ResolveContext, 'registry' | 'apiVersion'>): Promise<string[]> {
  try {
    const packument = await fetchPackument(name, context.registry);
    return Object.values(packument.versions)
      .filter((entry) => {
        const api = (entry.mcpctl as { apiVersion?: unknown } | undefined)?.apiVersion;
        return typeof api === 'string' && apiVersionSatisfies(api, context.apiVersion).ok && !entry.deprecated;
      })
      .map((entry) => entry.version)
      .sort(semver.rcompare);
  } catch {
    return [];
  }
}

/**
 * The package exists but nothing matches the range or tag: name what is
 * published (newest first, dist-tags too) from the document just fetched
 * (the client's cache answers, no second request).
 */
async function versionNotFound(parsed: npa.Result, context: ResolveContext, cause: unknown): Promise<Error> {
  const name = parsed.name!;
  const wanted = context.pinned?.version ?? (parsed.rawSpec === '' ? 'latest' : parsed.rawSpec);
  let published: string[] = [];
  let distTags: Record<string, string> = {};
  try {
    const packument = await fetchPackument(name, context.registry);
    published = Object.keys(packument.versions).filter((version) => semver.valid(version)).sort(semver.rcompare);
    distTags = packument['dist-tags'] ?? {};
  } catch {
    // The range error is still the one to report.
  }
  const tags = Object.entries(distTags).map(([tag, version]) => `${tag}=${version}`);
  const shown = published.length === 0 ? 'none' : `${published.slice(0, 8).join(', ')}${published.length > 8 ? `, … ${published.length - 8} more` : ''}${tags.length > 0 ? `; tags ${tags.join(', ')}` : ''}`;
  return errors.VERSION_NOT_FOUND(name, wanted, shown, { cause, details: { plugin: name, wanted, published, distTags } });
}

/** `name@^1.2` keeps `^1.2`; a tag, a bare name or an exact version keeps `^<version>` (as `npm install` saves). */
function rangeToKeep(parsed: npa.Result, version: string): string {
  if (parsed.type === 'range' && parsed.rawSpec !== '' && parsed.rawSpec !== '*') return parsed.rawSpec;
  return `^${version}`;
}

function absolute(path: string, cwd: string): string {
  return isAbsolute(path) ? path : resolve(cwd, path);
}
