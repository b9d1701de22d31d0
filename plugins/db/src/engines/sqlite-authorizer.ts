import { constants } from 'node:sqlite';
import type { AccessTier } from '@mcpctl/toolkit';
import { deniedFunction } from '../sql/functions.js';
import { READ_PRAGMAS } from '../sql/pragma.js';

/**
 * SQLite's authorizer: consulted by the SQLite library while it compiles
 * every statement, so the tier is enforced inside the database engine
 * itself. Read allows reading and read-only pragmas; write adds row changes;
 * destructive adds schema changes. No tier may load extensions or control
 * the transaction mcpctl runs the statement in.
 */

const c = constants;
const READ_ACTIONS = new Set([c.SQLITE_SELECT, c.SQLITE_READ, c.SQLITE_RECURSIVE]);
const WRITE_ACTIONS = new Set([c.SQLITE_INSERT, c.SQLITE_UPDATE, c.SQLITE_DELETE]);
const NEVER_ACTIONS = new Set([c.SQLITE_TRANSACTION, c.SQLITE_SAVEPOINT]);
/** Pragmas that set something when given a value. */
const SETTABLE = new Set(['user_version', 'application_id', 'schema_version', 'foreign_keys', 'journal_mode', 'query_only', 'auto_vacuum', 'max_page_count', 'page_size', 'encoding']);

export type AuthorizerMode = AccessTier | 'internal';

export function authorize(mode: AuthorizerMode, action: number, arg1: string | null, arg2: string | null): number {
  if (mode === 'internal') return c.SQLITE_OK;
  if (READ_ACTIONS.has(action)) return c.SQLITE_OK;
  if (action === c.SQLITE_FUNCTION) {
    const denied = arg2 ? deniedFunction(arg2, 'sqlite') : undefined;
    return denied ? c.SQLITE_DENY : c.SQLITE_OK;
  }
  if (action === c.SQLITE_PRAGMA) {
    const name = (arg1 ?? '').toLowerCase();
    const reads = READ_PRAGMAS.has(name) && !(arg2 !== null && SETTABLE.has(name));
    return reads || mode === 'destructive' ? c.SQLITE_OK : c.SQLITE_DENY;
  }
  if (NEVER_ACTIONS.has(action)) return c.SQLITE_DENY;
  if (WRITE_ACTIONS.has(action)) return mode === 'read' ? c.SQLITE_DENY : c.SQLITE_OK;
  // Everything else creates, drops, alters, attaches or reindexes.
  return mode === 'destructive' ? c.SQLITE_OK : c.SQLITE_DENY;
}
