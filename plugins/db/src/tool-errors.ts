import { ToolError } from '@mcpctl/toolkit/base';

/**
 * Failures of a db tool call, reported to the caller as results with
 * `isError`: the engine's message, code and position; which limit a
 * timeout hit; why a statement was refused.
 */

export const DbErrorCode = Object.freeze({
  SQL_ERROR: 'DB_SQL_ERROR',
  STATEMENT_TIMEOUT: 'DB_STATEMENT_TIMEOUT',
  CURSOR_EXPIRED: 'DB_CURSOR_EXPIRED',
  NOT_ALLOWED: 'DB_STATEMENT_NOT_ALLOWED',
  WRONG_TOOL: 'DB_WRONG_TOOL',
  SCHEMA_NOT_ALLOWED: 'DB_SCHEMA_NOT_ALLOWED',
  NOT_FOUND: 'DB_NOT_FOUND',
  BAD_PARAMS: 'DB_BAD_PARAMS',
  CONNECTION: 'DB_CONNECTION',
  NOT_SUPPORTED: 'DB_NOT_SUPPORTED',
} as const);

export interface SqlErrorInfo {
  message: string;
  /** SQLSTATE or the driver's code (ER_PARSE_ERROR, SQLITE_ERROR…). */
  code?: string;
  /** 1-based character offset in the statement, when the engine gives one. */
  position?: number;
  /** 1-based line, when the engine gives one (MySQL says "at line N"). */
  line?: number;
  detail?: string;
  hint?: string;
}

export function sqlError(info: SqlErrorInfo, sql: string): ToolError {
  const where = describePosition(info, sql);
  const message = `${info.message}${info.code ? ` [${info.code}]` : ''}${where.text}`;
  const details: Record<string, unknown> = {};
  if (info.code !== undefined) details.code = info.code;
  if (info.position !== undefined) details.position = info.position;
  if (where.line !== undefined) details.line = where.line;
  if (where.column !== undefined) details.column = where.column;
  if (info.detail) details.detail = info.detail;
  return new ToolError(DbErrorCode.SQL_ERROR, message, { hint: info.hint ?? info.detail, details });
}

function describePosition(info: SqlErrorInfo, sql: string): { text: string; line?: number; column?: number } {
  if (info.position !== undefined && info.position > 0) {
    const before = sql.slice(0, info.position - 1);
    const line = before.split('\n').length;
    const column = info.position - before.lastIndexOf('\n') - 1;
    return { text: ` (at line ${line}, column ${column})`, line, column };
  }
  if (info.line !== undefined) return { text: ` (at line ${info.line})`, line: info.line };
  return { text: '' };
}

export function statementTimeout(limitMs: number, setting = 'statementTimeoutMs'): ToolError {
  return new ToolError(DbErrorCode.STATEMENT_TIMEOUT, `The statement was stopped by the database after ${limitMs}ms (the server's ${setting} limit)`, {
    hint: `Make the statement cheaper (a WHERE clause, an index, a LIMIT), or raise \`${setting}\` on this server's entry in the mcpctl config.`,
    details: { limitMs, setting },
  });
}

export function cursorExpired(): ToolError {
  return new ToolError(DbErrorCode.CURSOR_EXPIRED, 'This query cursor is no longer open (it was idle too long, evicted for a newer query, or the server restarted)', {
    hint: 'Run the query again without `cursor` to start from the first page.',
  });
}

export function connectionLost(reason: string): ToolError {
  return new ToolError(DbErrorCode.CONNECTION, `Lost the connection to the database: ${reason}`, { hint: 'Retry the call; check the database server if it keeps failing.' });
}
