import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import type { JsonSchema, ServerEntry } from '@mcpctl/kernel';
import { parseAccess, type AccessTier } from '@mcpctl/toolkit';
import type { TlsSettings } from './engines/engine.js';
import { DB_OPTIONS_INVALID } from './errors.js';

/**
 * A `type: db` entry's options, checked and with defaults applied. The
 * kernel validates the entry against schema.json first; this enforces the
 * same contract again for the options this plugin owns.
 */

export interface NamedQuery {
  name: string;
  sql: string;
  description: string;
  /** JSON Schema of the parameters (an object schema); `:name` placeholders bind its properties. */
  params: { type: 'object'; properties: Record<string, JsonSchema>; required?: string[]; [keyword: string]: unknown };
}

export interface DbOptions {
  url: string;
  access: AccessTier;
  maxRows: number;
  statementTimeoutMs: number;
  pool: { max: number; idleTimeoutMs: number; connectTimeoutMs: number };
  schemas: string[] | undefined;
  tls: TlsSettings | undefined;
  cursorIdleMs: number;
  maxResultBytes: number | undefined;
  queries: NamedQuery[];
}

const DEFAULTS = Object.freeze({
  maxRows: 500,
  statementTimeoutMs: 15_000,
  poolMax: 5,
  idleTimeoutMs: 30_000,
  connectTimeoutMs: 10_000,
  cursorIdleMs: 60_000,
});

export function normalizeOptions(entry: ServerEntry, serverName: string, baseDir: string): DbOptions {
  const fail = (message: string): never => {
    throw DB_OPTIONS_INVALID(serverName, message);
  };
  // Unknown keys are the kernel's to report (it validates the entry with the composed schema); other plugins may add their own, such as `supervise`.
  if (typeof entry.url !== 'string' || entry.url.trim() === '') fail('`url` is required (sqlite:<path>, postgres://… or mysql://…)');
  let access: AccessTier = 'read';
  try {
    access = parseAccess(entry.access);
  } catch (error) {
    fail((error as Error).message);
  }
  const int = (key: string, value: unknown, fallback: number, min: number): number => {
    if (value === undefined) return fallback;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min) return fail(`\`${key}\` must be an integer ≥ ${min}`);
    return value;
  };
  const pool = typeof entry.pool === 'number' ? { max: entry.pool } : (entry.pool ?? {});
  if (typeof pool !== 'object' || pool === null || Array.isArray(pool)) fail('`pool` must be a number (its size) or an object { max, idleTimeoutMs, connectTimeoutMs }');
  const poolObject = pool as Record<string, unknown>;
  const schemas = entry.schemas;
  if (schemas !== undefined && (!Array.isArray(schemas) || schemas.some((s) => typeof s !== 'string' || s === ''))) fail('`schemas` must be a list of schema names');
  return {
    url: entry.url as string,
    access,
    maxRows: int('maxRows', entry.maxRows, DEFAULTS.maxRows, 1),
    statementTimeoutMs: int('statementTimeoutMs', entry.statementTimeoutMs, DEFAULTS.statementTimeoutMs, 1),
    pool: {
      max: int('pool.max', poolObject.max, DEFAULTS.poolMax, 1),
      idleTimeoutMs: int('pool.idleTimeoutMs', poolObject.idleTimeoutMs, DEFAULTS.idleTimeoutMs, 0),
      connectTimeoutMs: int('pool.connectTimeoutMs', poolObject.connectTimeoutMs, DEFAULTS.connectTimeoutMs, 1),
    },
    schemas: schemas as string[] | undefined,
    tls: normalizeTls(entry.tls, baseDir, fail),
    cursorIdleMs: int('cursorIdleMs', entry.cursorIdleMs, DEFAULTS.cursorIdleMs, 1000),
    maxResultBytes: entry.maxResultBytes === undefined ? undefined : int('maxResultBytes', entry.maxResultBytes, 0, 1024),
    queries: normalizeQueries(entry.queries, fail),
  };
}

function normalizeTls(value: unknown, baseDir: string, fail: (message: string) => never): TlsSettings | undefined {
  if (value === undefined || value === false) return undefined;
  if (value === true) return { rejectUnauthorized: true };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail('`tls` must be true, false or an object');
  const t = value as Record<string, unknown>;
  const text = (key: 'ca' | 'cert' | 'key'): string | undefined => {
    const inline = t[key];
    const file = t[`${key}File`];
    if (typeof inline === 'string') return inline;
    if (typeof file === 'string') {
      const path = isAbsolute(file) ? file : resolve(baseDir, file);
      try {
        return readFileSync(path, 'utf8');
      } catch (error) {
        return fail(`tls.${key}File: cannot read ${path}: ${(error as Error).message}`);
      }
    }
    return undefined;
  };
  const ca = text('ca');
  const cert = text('cert');
  const key = text('key');
  return {
    rejectUnauthorized: t.rejectUnauthorized !== false,
    ...(ca ? { ca } : {}),
    ...(cert ? { cert } : {}),
    ...(key ? { key } : {}),
    ...(typeof t.servername === 'string' ? { servername: t.servername } : {}),
  };
}

function normalizeQueries(value: unknown, fail: (message: string) => never): NamedQuery[] {
  if (value === undefined) return [];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail('`queries` must map names to { sql, description, params }');
  return Object.entries(value as Record<string, unknown>).map(([name, raw]) => {
    if (!/^[A-Za-z][A-Za-z0-9_.-]{0,63}$/.test(name)) fail(`queries.${name}: a query name must start with a letter and use letters, digits, "_", "-" or "." (it becomes a tool name)`);
    if (typeof raw !== 'object' || raw === null) fail(`queries.${name} must be an object { sql, description, params }`);
    const q = raw as Record<string, unknown>;
    if (typeof q.sql !== 'string' || q.sql.trim() === '') fail(`queries.${name}.sql is required`);
    const params = (q.params ?? { type: 'object', properties: {} }) as Record<string, unknown>;
    if (typeof params !== 'object' || params === null || (params.type !== undefined && params.type !== 'object')) fail(`queries.${name}.params must be a JSON Schema of type "object"`);
    const properties = (params.properties ?? {}) as Record<string, JsonSchema>;
    return {
      name,
      sql: q.sql as string,
      description: typeof q.description === 'string' ? q.description : `Run the configured query "${name}"`,
      params: { ...params, type: 'object', properties },
    };
  });
}
