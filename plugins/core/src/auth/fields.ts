import type { AuthConfig } from '@mcpctl/kernel';
import { AUTH_CONFIG_INVALID } from './errors.js';

/** A required non-empty string option of an `auth:` block (its value is never echoed: it may be a secret). */
export function requiredString(config: AuthConfig, field: string, serverName?: string): string {
  const value = config[field];
  if (typeof value !== 'string' || value.length === 0) {
    throw AUTH_CONFIG_INVALID(config.method, serverName ? ` (server ${serverName})` : '', `"${field}" is required and must be a non-empty string`);
  }
  return value;
}

export function optionalString(config: AuthConfig, field: string, serverName?: string): string | undefined {
  const value = config[field];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw AUTH_CONFIG_INVALID(config.method, serverName ? ` (server ${serverName})` : '', `"${field}" must be a string`);
  return value;
}

/** Header names and values must be valid HTTP tokens / field values. */
export function checkHeader(config: AuthConfig, name: string, value: string, serverName?: string): void {
  if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) {
    throw AUTH_CONFIG_INVALID(config.method, serverName ? ` (server ${serverName})` : '', `"${name}" is not a valid header name`);
  }
  if (/[\r\n\0]/.test(value)) {
    throw AUTH_CONFIG_INVALID(config.method, serverName ? ` (server ${serverName})` : '', `the value of header ${name} contains a line break`);
  }
}
