import { cursorScope, decodeOffset, defineTool, offsetCursor, pageInputProperties, pageLimit, pageOutputProperties, type Tool } from '@mcpctl/toolkit';
import type { TableInfo } from '../engines/engine.js';
import type { DbToolContext } from './context.js';
import { checkSchemaAllowed } from './schema-access.js';
import { tableSummaryProperties } from './schemas.js';

interface Input {
  schema?: string;
  cursor?: string;
  limit?: number;
}

const LIMITS = { defaultLimit: 200, maxLimit: 1000 };

export function listTablesTool(db: DbToolContext): Tool {
  return defineTool<Input, { tables: TableInfo[]; nextCursor?: string; truncated: boolean }>({
    name: 'list_tables',
    title: 'List tables',
    description: 'List tables and views with the database\'s row estimates (from statistics, not counts). Paged.',
    tier: 'read',
    inputSchema: {
      type: 'object',
      properties: { schema: { type: 'string', description: 'Only this schema (default: every allowed schema).' }, ...pageInputProperties(LIMITS) },
      additionalProperties: false,
    },
    outputSchema: {
      type: 'object',
      properties: {
        tables: {
          type: 'array',
          items: {
            type: 'object',
            properties: tableSummaryProperties,
            required: ['schema', 'name', 'type', 'rowEstimate'],
          },
        },
        ...pageOutputProperties,
      },
      required: ['tables', 'truncated'],
    },
    async handler(input, ctx) {
      const schemas = input.schema !== undefined ? [checkSchemaAllowed(db, input.schema)] : db.options.schemas;
      const all = await db.engine.listTables(schemas);
      const scope = cursorScope({ schema: input.schema });
      const offset = decodeOffset(input.cursor, scope);
      const tables: TableInfo[] = [];
      for (const table of all.slice(offset, offset + pageLimit(input, LIMITS))) {
        if (!ctx.budget.takeJson(table)) break;
        tables.push(table);
      }
      // The page ends where the limit or the byte budget stopped it.
      const end = offset + tables.length;
      return end < all.length ? { tables, nextCursor: offsetCursor(end, scope), truncated: true } : { tables, truncated: false };
    },
    render: (out) => [
      ...out.tables.map((t) => `${t.schema}.${t.name}\t${t.type}\t~${t.rowEstimate ?? '?'} rows${t.comment ? `\t${t.comment}` : ''}`),
      ...(out.nextCursor ? [`(more: cursor=${out.nextCursor})`] : []),
    ].join('\n') || '(no tables)',
  });
}
