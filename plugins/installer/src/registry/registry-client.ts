import type { Packument } from './packument.js';

/**
 * How the installer talks to npm registries: package documents and tarball
 * bytes, with npm's registry, scope and credential settings applied. Neither
 * method verifies anything; callers check tarballs against the registry's
 * `dist.integrity` before they use them.
 */
export interface RegistryClient {
  /**
   * The registry document of a package, fetched once per client: `full` has
   * every version's whole package.json (where `mcpctl` manifests are), the
   * default is npm's abbreviated install document (what resolving a
   * dependency tree needs). A full document answers an abbreviated request.
   */
  packument(name: string, options?: { full?: boolean }): Promise<Packument>;
  /** A tarball's bytes; `name` picks the registry whose credentials may apply. */
  tarball(url: string, name: string): Promise<Buffer>;
}

/** npm's `Accept` for the abbreviated document, falling back to the full one. */
export const ABBREVIATED_ACCEPT = 'application/vnd.npm.install-v1+json; q=1.0, application/json; q=0.8, */*';

/** One request per package document and client, whoever asks (resolution, the tree, the integrity check). */
export class PackumentCache {
  private readonly documents = new Map<string, Promise<Packument>>();

  get(name: string, full: boolean, load: () => Promise<Packument>): Promise<Packument> {
    const cached = this.documents.get(`full:${name}`) ?? (full ? undefined : this.documents.get(`abbreviated:${name}`));
    if (cached) return cached;
    const key = `${full ? 'full' : 'abbreviated'}:${name}`;
    const loading = load();
    this.documents.set(key, loading);
    loading.catch(() => this.documents.delete(key));
    return loading;
  }
}

/** The path of a package document under its registry (a scoped name keeps its `@`, its `/` is escaped). */
export function packumentPath(name: string): string {
  return name.replace('/', '%2f');
}
