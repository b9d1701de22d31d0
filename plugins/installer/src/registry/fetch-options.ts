import type { RegistrySettings } from './npmrc.js';

/** Options for pacote, arborist and npm-registry-fetch: npm's settings plus our cache and no scripts. */
export function npmOptions(settings: RegistrySettings, extra: { cache: string; allowScripts?: boolean }): Record<string, unknown> {
  return {
    ...settings.options,
    cache: extra.cache,
    ignoreScripts: !extra.allowScripts,
    audit: false,
    fund: false,
    // Local registries and mirrors answer fast; failing fast beats retrying a refused connection.
    fetchRetries: 1,
    fetchRetryMintimeout: 200,
    fetchRetryMaxtimeout: 1000,
    preferOnline: true,
    // One document per package per command within npm's libraries (arborist and its integrity check).
    packumentCache: new Map(),
  };
}
