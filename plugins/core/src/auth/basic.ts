import type { AuthConfig, ClientAuth } from '@mcpctl/kernel';
import { AUTH_CONFIG_INVALID } from './errors.js';
import { requiredString } from './fields.js';

/** `auth: { method: basic, username: alice, password: "${env:PASSWORD}" }` — HTTP basic authentication. */
export function basicAuth(config: AuthConfig, serverName?: string): ClientAuth {
  const username = requiredString(config, 'username', serverName);
  const password = typeof config.password === 'string' ? config.password : requiredString(config, 'password', serverName);
  if (username.includes(':')) throw AUTH_CONFIG_INVALID('basic', serverName ? ` (server ${serverName})` : '', '"username" must not contain ":"');
  const value = `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
  return { method: 'basic', headers: () => ({ Authorization: value }) };
}
