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
const ABBREVIATED_ACCEPT = 'application/vnd.npm.install-v1+json; q=1.0, application/json; q=0.8, */*';

/**
 * What every RegistryClient shares: one request per package document and
 * client, whoever asks (resolution, the tree, the integrity check), with a
 * full document answering an abbreviated request; a failed request is
 * forgotten, so asking again retries. Subclasses fetch.
 */
export abstract class CachingRegistryClient implements RegistryClient {
  private readonly documents = new Map<string, Promise<Packument>>();

  packument(name: string, options: { full?: boolean } = {}): Promise<Packument> {
    const full = options.full ?? false;
    const cached = this.documents.get(`full:${name}`) ?? (full ? undefined : this.documents.get(`abbreviated:${name}`));
    if (cached) return cached;
    const key = `${full ? 'full' : 'abbreviated'}:${name}`;
    const loading = this.fetchDocument(name, packumentPath(name), full ? 'application/json' : ABBREVIATED_ACCEPT);
    this.documents.set(key, loading);
    loading.catch(() => this.documents.delete(key));
    return loading;
  }

  abstract tarball(url: string, name: string): Promise<Buffer>;

  /** Fetches the document at `path` under the package's registry, sending `accept`. */
  protected abstract fetchDocument(name: string, path: string, accept: string): Promise<Packument>;
}

/** The path of a package document under its registry (a scoped name keeps its `@`, its `/` is escaped). */
function packumentPath(name: string): string {
  return name.replace('/', '%2f');
}
