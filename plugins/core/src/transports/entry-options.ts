import type { ServerEntry } from '@mcpctl/kernel';
import { BAD_ENTRY } from '../client/errors.js';

/**
 * Reads a transport's options from a server entry, with errors that name the
 * server and the field (the config schema catches most of these first; a
 * community caller or a hand-built entry may not have been validated).
 */
export function stringField(entry: ServerEntry, field: string, server: string, required: true): string;
export function stringField(entry: ServerEntry, field: string, server: string, required?: false): string | undefined;
export function stringField(entry: ServerEntry, field: string, server: string, required = false): string | undefined {
  const value = entry[field];
  if (value === undefined || value === null) {
    if (required) throw BAD_ENTRY(server, `"${field}" is required for type ${entry.type}`);
    return undefined;
  }
  if (typeof value !== 'string' || (required && value.length === 0)) throw BAD_ENTRY(server, `"${field}" must be a non-empty string`);
  return value;
}

export function stringArrayField(entry: ServerEntry, field: string, server: string): string[] | undefined {
  const value = entry[field];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' && typeof v !== 'number')) {
    throw BAD_ENTRY(server, `"${field}" must be a list of strings`);
  }
  return value.map(String);
}

export function stringMapField(entry: ServerEntry, field: string, server: string): Record<string, string> | undefined {
  const value = entry[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw BAD_ENTRY(server, `"${field}" must be a map of names to strings`);
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) {
    if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') throw BAD_ENTRY(server, `"${field}.${k}" must be a string`);
    out[k] = String(v);
  }
  return out;
}

export function urlField(entry: ServerEntry, server: string): URL {
  const raw = stringField(entry, 'url', server, true);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw BAD_ENTRY(server, `"url" is not a valid URL: ${raw}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw BAD_ENTRY(server, `"url" must be http:// or https://, not ${url.protocol}`);
  return url;
}
