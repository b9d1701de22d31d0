import { createHash } from 'node:crypto';

/**
 * A digest of a server entry, so the CLI only uses the daemon's warm session
 * when the daemon runs the same entry the CLI's config describes (same
 * command, args, env, url…); a differing entry falls back to a direct
 * connection. Key order does not matter; `supervise` and `description` do
 * not change what a session talks to and are left out.
 */
export function entryFingerprint(entry: Record<string, unknown>): string {
  const { supervise: _supervise, description: _description, ...rest } = entry;
  return createHash('sha256').update(stableJson(rest)).digest('hex').slice(0, 32);
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    return `{${Object.keys(record)
      .filter((key) => record[key] !== undefined)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${stableJson(record[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
