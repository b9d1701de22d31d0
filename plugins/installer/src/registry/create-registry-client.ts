import { HttpRegistryClient } from './http-client.js';
import { NpmFetchRegistryClient } from './npm-fetch-client.js';
import type { RegistrySettings } from './npmrc.js';
import type { RegistryClient } from './registry-client.js';

/**
 * Settings only npm's own networking honours: TLS material, proxies, a
 * local address. With any of them set (or a proxy in the environment),
 * requests go through npm-registry-fetch; otherwise through node:http(s),
 * which costs a fraction of npm-registry-fetch's ≈150 ms load.
 */
const NPM_NETWORK_SETTINGS = ['ca', 'cafile', 'cert', 'key', 'strict-ssl', 'proxy', 'https-proxy', 'http-proxy', 'noproxy', 'local-address'];
const PROXY_VARIABLES = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'];

function needsNpmNetworking(settings: RegistrySettings, env: NodeJS.ProcessEnv): boolean {
  return NPM_NETWORK_SETTINGS.some((key) => settings.options[key] !== undefined) || PROXY_VARIABLES.some((name) => Boolean(env[name]));
}

/** node:http(s) for plain registries; npm-registry-fetch when the settings need npm's networking. */
export function createRegistryClient(settings: RegistrySettings, npmOptions: Record<string, unknown>, env: NodeJS.ProcessEnv): RegistryClient {
  return needsNpmNetworking(settings, env) ? new NpmFetchRegistryClient(settings, npmOptions) : new HttpRegistryClient(settings);
}
