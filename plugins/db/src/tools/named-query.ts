import type { JsonSchema } from '@mcpctl/kernel';
import { defineTool, type Tool } from '@mcpctl/toolkit';
import { DB_OPTIONS_INVALID } from '../errors.js';
import type { NamedQuery } from '../options.js';
import { namedParameters } from '../sql/bind.js';
import { classify } from '../sql/classify.js';
import type { DbToolContext } from './context.js';
import { executeOutputSchema, runExecute, type ExecuteOutput } from './execute.js';
import { bindParams } from './params.js';
import { renderPage, type QueryPage } from './query-page.js';
import { runPagedQuery } from './run-query.js';
import { rowsOutputSchema } from './schemas.js';

/**
 * A query from the config (`queries.<name>`) as its own tool: its params
 * schema is the tool's input schema, values bind to its `:name`
 * placeholders, and its tier is what its SQL needs. Checked at start-up.
 */

const RESERVED = new Set(['cursor', 'maxRows', 'dryRun']);

export function namedQueryTool(db: DbToolContext, query: NamedQuery): Tool {
  const dialect = db.engine.dialect;
  const c = classify(query.sql, dialect);
  // Typed on the declaration, so a call narrows like a throw (c.needs is not 'never' after the check).
  const invalid: (message: string) => never = (message) => {
    throw DB_OPTIONS_INVALID(db.serverName, `queries.${query.name}: ${message}`);
  };
  if (c.needs === 'never') invalid(`its SQL is not accepted: ${c.reason}`);
  const declared = Object.keys(query.params.properties);
  for (const name of declared) if (RESERVED.has(name)) invalid(`parameter "${name}" is reserved; rename it`);
  const used = namedParameters(query.sql, dialect);
  const undeclared = used.filter((name) => !declared.includes(name));
  if (undeclared.length > 0) invalid(`the SQL uses ${undeclared.map((n) => `:${n}`).join(', ')} but params declares no such propert${undeclared.length > 1 ? 'ies' : 'y'}`);

  const tier = c.needs;
  const reads = tier === 'read';
  const { properties, required, ...rest } = query.params;
  const extra: Record<string, JsonSchema> = reads
    ? {
        maxRows: { type: 'integer', minimum: 1, maximum: db.options.maxRows, description: `Rows per page (default and most: ${db.options.maxRows}).` },
        cursor: { type: 'string', description: 'nextCursor of the previous page (with the same parameters).' },
      }
    : { dryRun: { type: 'boolean', default: false, description: 'Run in a transaction, report affected rows, then roll back.' } };
  const inputSchema = {
    ...rest,
    type: 'object' as const,
    properties: { ...properties, ...extra },
    ...(required ? { required } : {}),
    additionalProperties: false,
  };

  /** The input's values for the SQL's placeholders (missing ones bind NULL). */
  const values = (input: Record<string, unknown>) => Object.fromEntries(used.map((name) => [name, input[name] ?? null]));

  if (reads) {
    return defineTool<Record<string, unknown>, QueryPage>({
      name: query.name,
      description: query.description,
      tier,
      inputSchema,
      outputSchema: rowsOutputSchema,
      async handler(input, ctx) {
        const bound = bindParams(query.sql, values(input), dialect);
        return runPagedQuery(db, {
          ...bound,
          ...(typeof input.cursor === 'string' ? { cursor: input.cursor } : {}),
          ...(typeof input.maxRows === 'number' ? { limit: input.maxRows } : {}),
        }, ctx);
      },
      render: renderPage,
    });
  }
  return defineTool<Record<string, unknown>, ExecuteOutput>({
    name: query.name,
    description: query.description,
    tier,
    inputSchema,
    outputSchema: executeOutputSchema,
    handler: (input, ctx) => runExecute(db, c, query.sql, values(input), input.dryRun === true, ctx),
  });
}
