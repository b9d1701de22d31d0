import { childPointer } from '@mcpctl/diagnostics';
import { isPlainObject } from './profiles.js';
import { isSecretKey } from './secret-keys.js';

export const REDACTED = '[redacted]';

// scheme://user:password@host — the password part.
const URL_PASSWORD = /\b([a-z][a-z0-9+.-]*:\/\/[^\s/:@]*:)([^\s/@]+)@/gi;
// ?token=…&api_key=… — query parameters with secret names.
const QUERY_SECRET = /([?&])([^=&#\s]+)=([^&#\s]*)/g;

/**
 * A deep copy of a config (or any JSON value) that is safe to print or log:
 * values at `secretPointers` (those that came from `${env:…}`), values under
 * keys that name secrets (password, token, api-key, authorization…), and
 * passwords and secret query parameters inside URLs become "[redacted]".
 */
export function redactConfig<T>(value: T, secretPointers: Iterable<string> = []): T {
  return redactValue(value, '', new Set(secretPointers), false) as T;
}

function redactValue(value: unknown, pointer: string, secrets: ReadonlySet<string>, underSecretKey: boolean): unknown {
  if (secrets.has(pointer)) return REDACTED;
  if (typeof value === 'string') return underSecretKey ? REDACTED : redactString(value);
  if (typeof value === 'number') return underSecretKey ? REDACTED : value;
  if (Array.isArray(value)) return value.map((item, index) => redactValue(item, childPointer(pointer, index), secrets, underSecretKey));
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      out[key] = redactValue(item, childPointer(pointer, key), secrets, underSecretKey || isSecretKey(key));
    }
    return out;
  }
  return value;
}

/** Redact credentials embedded in a string (URLs with a password, secret query parameters). */
export function redactString(text: string): string {
  if (!text.includes('://') && !text.includes('=')) return text;
  return text
    .replace(URL_PASSWORD, (_match, head: string) => `${head}${REDACTED}@`)
    .replace(QUERY_SECRET, (match, sep: string, key: string, secret: string) => (secret !== '' && isSecretKey(key) ? `${sep}${key}=${REDACTED}` : match));
}
