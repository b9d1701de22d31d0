import { ToolError } from '@mcpctl/toolkit';
import type { JsonSchema } from '@mcpctl/kernel';
import { bindNamed, BindError, namedParameters, type BoundStatement } from '../sql/bind.js';
import type { Dialect } from '../sql/lexer.js';
import { DbErrorCode } from '../tool-errors.js';

/** The `params` input property shared by query, explain and execute. */
export const paramsProperty: JsonSchema = {
  description: 'Bound parameters: an array for positional placeholders ($1, $2… on PostgreSQL; ? on MySQL and SQLite), or an object for :name placeholders (any engine). Values are never spliced into the SQL.',
  oneOf: [
    { type: 'array', items: {} },
    { type: 'object', additionalProperties: true },
  ],
};

/** Bind an input's params to its SQL for the engine. */
export function bindParams(sql: string, params: unknown, dialect: Dialect): BoundStatement {
  if (params === undefined || params === null) return { sql, params: [] };
  if (Array.isArray(params)) {
    const named = namedParameters(sql, dialect);
    if (named.length > 0 && params.length > 0) {
      throw new ToolError(DbErrorCode.BAD_PARAMS, `The statement uses named placeholders (${named.map((n) => `:${n}`).join(', ')}) but params is an array`, {
        hint: `Give params as an object: {${named.map((n) => `"${n}": …`).join(', ')}}.`,
      });
    }
    return { sql, params };
  }
  try {
    return bindNamed(sql, dialect, params as Record<string, unknown>);
  } catch (error) {
    if (error instanceof BindError) {
      throw new ToolError(DbErrorCode.BAD_PARAMS, `Cannot bind the parameters: ${error.message}`, { hint: 'Give a value for every :name placeholder in params.' });
    }
    throw error;
  }
}
