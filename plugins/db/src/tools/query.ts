import { defineTool, ToolError, ToolErrorCode, type Tool } from '@mcpctl/toolkit';
import type { DbToolContext } from './context.js';
import { guardRead } from './guard.js';
import { bindParams, paramsProperty } from './params.js';
import { renderPage, type QueryPage } from './query-page.js';
import { runPagedQuery } from './run-query.js';
import { rowsOutputSchema } from './schemas.js';

interface Input {
  sql?: string;
  params?: unknown[] | Record<string, unknown>;
  maxRows?: number;
  cursor?: string;
}

export function queryTool(db: DbToolContext): Tool {
  const max = db.options.maxRows;
  return defineTool<Input, QueryPage>({
    name: 'query',
    title: 'Run a read-only query',
    description:
      `Run one read-only SQL statement (SELECT, WITH … SELECT, VALUES, SHOW, EXPLAIN) and return its columns and rows, at most ${max} per call. ` +
      'When truncated is true, call again with only the returned cursor to get the next rows (the cursor stays open for a short while). ' +
      'The database runs it in a read-only transaction with a statement time limit; writes are refused.',
    tier: 'read',
    inputSchema: {
      type: 'object',
      properties: {
        sql: { type: 'string', minLength: 1, description: 'One SQL statement. Use placeholders for values, with params.' },
        params: paramsProperty,
        maxRows: { type: 'integer', minimum: 1, maximum: max, description: `Rows per page (default and most: ${max}).` },
        cursor: { type: 'string', description: 'nextCursor of the previous page, to continue the same result.' },
      },
      additionalProperties: false,
    },
    outputSchema: rowsOutputSchema,
    async handler(input, ctx) {
      if (input.cursor === undefined && input.sql === undefined) {
        throw new ToolError(ToolErrorCode.INVALID_ARGUMENTS, 'Give sql (a new query) or cursor (the next page of a previous one)');
      }
      if (input.cursor !== undefined) {
        const bound = input.sql === undefined ? { sql: '', params: [] } : bindParams(input.sql, input.params, db.engine.dialect);
        return runPagedQuery(db, { ...bound, cursor: input.cursor, ...(input.maxRows ? { limit: input.maxRows } : {}) }, ctx);
      }
      const sql = input.sql as string;
      guardRead(sql, db.engine.dialect, ctx);
      const bound = bindParams(sql, input.params, db.engine.dialect);
      return runPagedQuery(db, { ...bound, ...(input.maxRows ? { limit: input.maxRows } : {}) }, ctx);
    },
    render: renderPage,
  });
}
