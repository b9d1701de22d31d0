import { registryFor, type RegistrySettings } from './npmrc.js';
import type { Packument } from './packument.js';
import { ABBREVIATED_ACCEPT, PackumentCache, packumentPath, type RegistryClient } from './registry-client.js';

/**
 * A RegistryClient on npm-registry-fetch, for the settings only npm's own
 * networking honours (TLS certificates, proxies); loaded on first use.
 */
export class NpmFetchRegistryClient implements RegistryClient {
  private readonly cache = new PackumentCache();

  constructor(private readonly settings: RegistrySettings, private readonly options: Record<string, unknown>) {}

  packument(name: string, options: { full?: boolean } = {}): Promise<Packument> {
    const full = options.full ?? false;
    return this.cache.get(name, full, async () => {
      const npmFetch = await loadNpmFetch();
      return (await npmFetch.json(`/${packumentPath(name)}`, { ...this.options, registry: registryFor(this.settings, name), headers: { accept: full ? 'application/json' : ABBREVIATED_ACCEPT } })) as unknown as Packument;
    });
  }

  async tarball(url: string, name: string): Promise<Buffer> {
    const npmFetch = await loadNpmFetch();
    const response = await npmFetch(url, { ...this.options, registry: registryFor(this.settings, name) });
    return response.buffer();
  }
}

async function loadNpmFetch(): Promise<typeof import('npm-registry-fetch')> {
  return (await import('npm-registry-fetch')).default as unknown as typeof import('npm-registry-fetch');
}
