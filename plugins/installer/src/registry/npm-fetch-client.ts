import { registryFor, type RegistrySettings } from './npmrc.js';
import type { Packument } from './packument.js';
import { CachingRegistryClient } from './registry-client.js';

/**
 * A RegistryClient on npm-registry-fetch, for the settings only npm's own
 * networking honours (TLS certificates, proxies); loaded on first use.
 */
export class NpmFetchRegistryClient extends CachingRegistryClient {
  constructor(private readonly settings: RegistrySettings, private readonly options: Record<string, unknown>) {
    super();
  }

  protected async fetchDocument(name: string, path: string, accept: string): Promise<Packument> {
    const npmFetch = await loadNpmFetch();
    return (await npmFetch.json(`/${path}`, { ...this.options, registry: registryFor(this.settings, name), headers: { accept } })) as unknown as Packument;
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
