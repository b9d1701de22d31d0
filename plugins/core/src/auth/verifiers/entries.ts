import type { AuthConfig } from '@mcpctl/kernel';
import { AUTH_CONFIG_INVALID } from '../errors.js';
import { optionalString } from '../fields.js';

/** The list of credentials a verifier accepts (`keys:` / `users:`): non-empty, of objects. */
export function keyEntries(config: AuthConfig, field: string, serverName?: string): Array<Record<string, unknown>> {
  const list = config[field];
  if (!Array.isArray(list) || list.length === 0 || !list.every((item) => typeof item === 'object' && item !== null && !Array.isArray(item))) {
    throw AUTH_CONFIG_INVALID(config.method, serverName ? ` (server ${serverName})` : '', `"${field}" must be a non-empty list of objects`);
  }
  return list as Array<Record<string, unknown>>;
}

export function scopesOf(entry: Record<string, unknown>, index: number, method: string, where: string): string[] {
  const scopes = entry['scopes'];
  if (scopes === undefined) return [];
  if (!Array.isArray(scopes) || !scopes.every((scope) => typeof scope === 'string')) throw AUTH_CONFIG_INVALID(method, where, `entry ${index + 1}: "scopes" must be a list of strings`);
  return scopes as string[];
}

/** The realm named in challenges; quotes and backslashes are not allowed in it. */
export function realmOf(config: AuthConfig, serverName?: string): string {
  const realm = optionalString(config, 'realm', serverName) ?? 'mcpctl';
  if (/["\\\r\n]/.test(realm)) throw AUTH_CONFIG_INVALID(config.method, serverName ? ` (server ${serverName})` : '', '"realm" must not contain quotes, backslashes or line breaks');
  return realm;
}

/** One header's value (the first, if repeated); names are matched case-insensitively. */
export function headerValue(headers: Readonly<Record<string, string | string[] | undefined>>, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined || first === '' ? undefined : first;
}
