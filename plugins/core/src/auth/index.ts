import type { HooksFacade } from '@mcpctl/kernel';
import { apiKeyAuth } from './api-key.js';
import { basicAuth } from './basic.js';
import { bearerAuth } from './bearer.js';
import { headersAuth } from './headers.js';

/**
 * Taps the client auth hook for headers, bearer, basic and api-key. These
 * are tiny and dependency-free, so they are imported statically. Secret
 * values come from the config (`${env:…}`) and are only ever put in headers.
 */
export function registerAuthMethods(hooks: HooksFacade): void {
  hooks.auth.client.for('headers').tap((request) => headersAuth(request.config, request.serverName));
  hooks.auth.client.for('bearer').tap((request) => bearerAuth(request.config, request.serverName));
  hooks.auth.client.for('basic').tap((request) => basicAuth(request.config, request.serverName));
  hooks.auth.client.for('api-key').tap((request) => apiKeyAuth(request.config, request.serverName));
}
