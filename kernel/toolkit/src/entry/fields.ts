import type { ServerEntry } from '@mcpctl/kernel';
import { ENTRY_INVALID } from './errors.js';

/**
 * Reads options from a server entry, with errors that name the server and
 * the field. The config schema catches most of these first; a hand-built
 * entry (a community caller, a test) may not have been validated.
 */
export function stringField(entry: ServerEntry, field: string, server: string, required: true): string;
export function stringField(entry: ServerEntry, field: string, server: string, required?: false): string | undefined;
export function stringField(entry: ServerEntry, field: string, server: string, required = false): string | undefined {
  const value = entry[field];
  if (value === undefined || value === null) {
    if (required) throw invalid(server, field, `"${field}" is required for type ${entry.type}`);
    return undefined;
  }
  if (typeof value !== 'string' || (required && value.length === 0)) throw invalid(server, field, `"${field}" must be a non-empty string`);
  return value;
}

/** A list of strings (numbers are accepted and turned into strings, as YAML writes them). */
export function stringArrayField(entry: ServerEntry, field: string, server: string): string[] | undefined {
  const value = entry[field];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string' && typeof item !== 'number')) {
    throw invalid(server, field, `"${field}" must be a list of strings`);
  }
  return value.map(String);
}

/** A map of names to strings (numbers and booleans are turned into strings). */
export function stringMapField(entry: ServerEntry, field: string, server: string): Record<string, string> | undefined {
  const value = entry[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw invalid(server, field, `"${field}" must be a map of names to strings`);
  const out: Record<string, string> = {};
  for (const [key, item] of Object.entries(value)) {
    if (typeof item !== 'string' && typeof item !== 'number' && typeof item !== 'boolean') throw invalid(server, `${field}.${key}`, `"${field}.${key}" must be a string`);
    out[key] = String(item);
  }
  return out;
}

/** An http:// or https:// URL. */
export function urlField(entry: ServerEntry, server: string, field = 'url'): URL {
  const raw = stringField(entry, field, server, true);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw invalid(server, field, `"${field}" is not a valid URL: ${raw}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw invalid(server, field, `"${field}" must be http:// or https://, not ${url.protocol}`);
  return url;
}

export function invalid(server: string, field: string, problem: string): Error {
  return ENTRY_INVALID(server, problem, { details: { server, field, problem } });
}
