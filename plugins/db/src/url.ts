import { isAbsolute, resolve } from 'node:path';
import { DB_URL_INVALID } from './errors.js';

/**
 * Database URLs: `sqlite:<path>` / `sqlite::memory:`, `postgres://…` /
 * `postgresql://…`, `mysql://…` / `mariadb://…`. The parsed form keeps a
 * masked rendering for messages and the secrets to scrub from driver errors.
 */

export type EngineName = 'sqlite' | 'postgres' | 'mysql';

export interface SqliteUrl {
  engine: 'sqlite';
  /** Absolute file path, or `:memory:`. */
  path: string;
  /** For messages. */
  display: string;
  secrets: string[];
}

export interface NetworkUrl {
  engine: 'postgres' | 'mysql';
  /** The URL as given (with credentials): only ever handed to the driver. */
  href: string;
  host: string;
  port: number;
  database: string;
  user: string;
  password: string;
  /** Query parameters (sslmode, application_name…). */
  params: URLSearchParams;
  /** The URL with the password masked, for messages and logs. */
  display: string;
  /** Values to scrub from any text that leaves the plugin. */
  secrets: string[];
}

export type DbUrl = SqliteUrl | NetworkUrl;

const DEFAULT_PORTS = { postgres: 5432, mysql: 3306 } as const;

export function parseDbUrl(raw: string, baseDir: string): DbUrl {
  if (typeof raw !== 'string' || raw.trim() === '') throw DB_URL_INVALID('(empty)', 'the url is empty');
  const text = raw.trim();
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(text)?.[1]?.toLowerCase();
  if (scheme === 'sqlite' || scheme === 'sqlite3') return parseSqlite(text.slice(scheme.length + 1), baseDir);
  if (scheme === 'postgres' || scheme === 'postgresql') return parseNetwork(text, 'postgres');
  if (scheme === 'mysql' || scheme === 'mariadb') return parseNetwork(text, 'mysql');
  throw DB_URL_INVALID(maskText(text), `unknown scheme ${scheme ? `"${scheme}:"` : '(none)'}; use sqlite:, postgres:// or mysql:// (mariadb://)`);
}

function parseSqlite(rest: string, baseDir: string): SqliteUrl {
  if (rest === ':memory:' || rest === '' || rest === '//:memory:') return { engine: 'sqlite', path: ':memory:', display: 'sqlite::memory:', secrets: [] };
  // sqlite:///abs/path and sqlite://./rel are accepted as well as sqlite:path.
  let path = rest.startsWith('//') ? rest.slice(2) : rest;
  path = decodeURIComponent(path.split('?')[0] as string);
  if (path === '') throw DB_URL_INVALID(`sqlite:${rest}`, 'no file path after "sqlite:"');
  const absolute = isAbsolute(path) ? path : resolve(baseDir, path);
  return { engine: 'sqlite', path: absolute, display: `sqlite:${absolute}`, secrets: [] };
}

function parseNetwork(text: string, engine: 'postgres' | 'mysql'): NetworkUrl {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw DB_URL_INVALID(maskText(text), 'it is not a valid URL (percent-encode special characters in the user name and password)');
  }
  const password = safeDecode(url.password);
  const user = safeDecode(url.username);
  const params = url.searchParams;
  // postgres:///db?host=/var/run/postgresql: a Unix socket directory given as a parameter.
  const host = url.hostname !== '' ? url.hostname.replace(/^\[|\]$/g, '') : (params.get('host') ?? params.get('socket') ?? 'localhost');
  const port = url.port !== '' ? Number(url.port) : Number(params.get('port') ?? DEFAULT_PORTS[engine]);
  const database = safeDecode(url.pathname.replace(/^\//, ''));
  const masked = new URL(url.href);
  if (masked.password !== '') masked.password = '***';
  const secrets = [password, url.password].filter((value) => value.length >= 3);
  return { engine, href: text, host, port, database, user, password, params, display: masked.href, secrets: [...new Set(secrets)] };
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** Mask `user:password@` in any URL-looking text (for messages about URLs that did not parse). */
export function maskText(text: string): string {
  return text.replace(/(\/\/[^/:@\s]*:)[^@\s/]*@/g, '$1***@');
}

/** Replace every secret in `text` with `***`. */
export function scrub(text: string, secrets: readonly string[]): string {
  let out = maskText(text);
  for (const secret of secrets) {
    if (secret) out = out.split(secret).join('***');
  }
  return out;
}
