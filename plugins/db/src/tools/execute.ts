import { defineTool, ToolError, type ObjectSchema, type Tool, type ToolContext } from '@mcpctl/toolkit';
import type { ColumnInfo, Row } from '../engines/engine.js';
import type { Classification } from '../sql/classify.js';
import { DbErrorCode } from '../tool-errors.js';
import type { DbToolContext } from './context.js';
import { guardExecute } from './guard.js';
import { bindParams, paramsProperty } from './params.js';
import { columnsSchema, rowsSchema } from './schemas.js';

interface Input {
  sql: string;
  params?: unknown[] | Record<string, unknown>;
  dryRun?: boolean;
}

/** The output of execute and of named queries that write. */
export interface ExecuteOutput extends Record<string, unknown> {
  command: string;
  rowCount: number;
  dryRun: boolean;
  committed: boolean;
  columns: ColumnInfo[];
  rows: Row[];
  truncated: boolean;
}

export const executeOutputSchema: ObjectSchema = {
  type: 'object',
  properties: {
    command: { type: 'string' },
    rowCount: { type: 'integer', description: 'Rows affected (or returned, for a statement that only returns rows).' },
    dryRun: { type: 'boolean' },
    committed: { type: 'boolean' },
    columns: columnsSchema,
    rows: rowsSchema,
    truncated: { type: 'boolean', description: 'More rows were returned (RETURNING …) than maxRows.' },
  },
  required: ['command', 'rowCount', 'dryRun', 'committed', 'columns', 'rows', 'truncated'],
};

/**
 * Run a classified statement that changes data in its own transaction
 * (committed, or rolled back for a dry run). A dry run of a statement that
 * commits implicitly is refused: nothing could roll it back.
 */
export async function runExecute(db: DbToolContext, c: Classification, sql: string, params: unknown, dryRun: boolean, ctx: ToolContext): Promise<ExecuteOutput> {
  if (dryRun && c.implicitCommit) {
    throw new ToolError(DbErrorCode.NOT_ALLOWED, `\`${c.kind}\` commits implicitly on ${db.engine.dialect === 'mysql' ? 'MySQL/MariaDB' : 'this database'}, so a dry run could not roll it back`, {
      hint: 'Run it without dryRun if you mean it, or try it on a copy of the database.',
    });
  }
  const bound = bindParams(sql, params, db.engine.dialect);
  const result = await db.engine.execute(bound.sql, bound.params, {
    access: ctx.access,
    dryRun,
    maxRows: db.options.maxRows,
    timeoutMs: db.options.statementTimeoutMs,
    signal: ctx.signal,
    implicitCommit: c.implicitCommit,
  });
  return {
    command: result.command,
    rowCount: result.rowCount,
    dryRun,
    committed: !dryRun,
    columns: result.columns,
    rows: result.rows,
    truncated: result.rowsTruncated,
  };
}

export function executeTool(db: DbToolContext): Tool {
  return defineTool<Input, ExecuteOutput>({
    name: 'execute',
    title: 'Execute a statement that changes data',
    description:
      'Run one statement that changes data (INSERT, UPDATE, DELETE…) in its own transaction and commit it. dryRun: true runs it, reports the affected rows and rolls back. ' +
      'Schema changes (DDL) and UPDATE/DELETE without WHERE need access: destructive.',
    tier: 'write',
    idempotent: false,
    inputSchema: {
      type: 'object',
      properties: {
        sql: { type: 'string', minLength: 1, description: 'One SQL statement.' },
        params: paramsProperty,
        dryRun: { type: 'boolean', default: false, description: 'Run in a transaction, report affected rows, then roll back.' },
      },
      required: ['sql'],
      additionalProperties: false,
    },
    outputSchema: executeOutputSchema,
    async handler(input, ctx) {
      const c = guardExecute(input.sql, db.engine.dialect, ctx);
      return runExecute(db, c, input.sql, input.params, input.dryRun === true, ctx);
    },
    render: (out) => `${out.command}: ${out.rowCount} row${out.rowCount === 1 ? '' : 's'} ${out.dryRun ? 'would be affected (dry run, rolled back)' : 'affected, committed'}${out.rows.length > 0 ? `\n${JSON.stringify(out.rows)}` : ''}`,
  });
}
