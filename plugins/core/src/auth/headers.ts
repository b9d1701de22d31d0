import type { AuthConfig, ClientAuth } from '@mcpctl/kernel';
import { AUTH_CONFIG_INVALID } from './errors.js';
import { checkHeader } from './fields.js';

/** `auth: { method: headers, headers: { X-Token: "${env:TOKEN}" } }` — static headers on every request. */
export function headersAuth(config: AuthConfig, serverName?: string): ClientAuth {
  const raw = config.headers;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw) || Object.keys(raw).length === 0) {
    throw AUTH_CONFIG_INVALID('headers', serverName ? ` (server ${serverName})` : '', '"headers" must be a map of header names to values');
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (typeof value !== 'string') throw AUTH_CONFIG_INVALID('headers', serverName ? ` (server ${serverName})` : '', `the value of header ${name} must be a string`);
    checkHeader(config, name, value, serverName);
    headers[name] = value;
  }
  return { method: 'headers', headers: () => ({ ...headers }) };
}
