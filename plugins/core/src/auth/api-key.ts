import type { AuthConfig, ClientAuth } from '@mcpctl/kernel';
import { checkHeader, optionalString, requiredString } from './fields.js';

/**
 * `auth: { method: api-key, key: "${env:KEY}", header: X-API-Key, prefix: "" }`
 * — an API key in a header (X-API-Key unless told otherwise), with an optional prefix.
 */
export function apiKeyAuth(config: AuthConfig, serverName?: string): ClientAuth {
  const key = requiredString(config, 'key', serverName);
  const header = optionalString(config, 'header', serverName) ?? 'X-API-Key';
  const prefix = optionalString(config, 'prefix', serverName) ?? '';
  const value = prefix ? `${prefix}${prefix.endsWith(' ') ? '' : ' '}${key}` : key;
  checkHeader(config, header, value, serverName);
  return { method: 'api-key', headers: () => ({ [header]: value }) };
}
