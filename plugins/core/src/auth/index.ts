import type { HooksFacade } from '@mcpctl/kernel';
import { apiKeyAuth } from './api-key.js';
import { basicAuth } from './basic.js';
import { bearerAuth } from './bearer.js';
import { headersAuth } from './headers.js';

/**
 * Taps the client auth hook for headers, bearer, basic and api-key (tiny and
 * dependency-free, so imported statically; secret values come from the
 * config's `${env:…}` and are only ever put in headers), and the verifier
 * hook for api-key and basic (`serve.auth`).
 */
export function registerAuthMethods(hooks: HooksFacade): void {
  hooks.auth.client.for('headers').tap((request) => headersAuth(request.config, request.serverName));
  hooks.auth.client.for('bearer').tap((request) => bearerAuth(request.config, request.serverName));
  hooks.auth.client.for('basic').tap((request) => basicAuth(request.config, request.serverName));
  hooks.auth.client.for('api-key').tap((request) => apiKeyAuth(request.config, request.serverName));
  // Verifiers hash secrets with node:crypto; imported when an endpoint is served with `serve.auth`.
  hooks.auth.verifier.for('api-key').tapPromise(async (request) => (await import('./verifiers/api-key.js')).apiKeyVerifier(request.config, request.serverName));
  hooks.auth.verifier.for('basic').tapPromise(async (request) => (await import('./verifiers/basic.js')).basicVerifier(request.config, request.serverName));
}
