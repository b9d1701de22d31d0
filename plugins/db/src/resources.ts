import { defineResourceTemplate, paginate, type ResourceTemplate } from '@mcpctl/toolkit';
import { describeOrThrow } from './tools/describe-table.js';
import type { DbToolContext } from './tools/context.js';

/**
 * Each table's schema as a resource: `db://<schema>/<table>`, listed from
 * the catalog (paged), read as the describe_table JSON.
 */

const PAGE = { defaultLimit: 200, maxLimit: 200 };
const SCOPE = 'db.tables';

export function tableResources(db: DbToolContext): ResourceTemplate {
  return defineResourceTemplate({
    uriTemplate: 'db://{schema}/{table}',
    name: 'table',
    title: 'Table schema',
    description: 'A table\'s or view\'s columns, keys and indexes, as JSON.',
    mimeType: 'application/json',
    async list(cursor) {
      const tables = await db.engine.listTables(db.options.schemas);
      const page = paginate(tables, { cursor }, PAGE, SCOPE);
      return {
        resources: page.items.map((t) => ({
          uri: tableUri(t.schema, t.name),
          name: `${t.schema}.${t.name}`,
          title: `${t.type} ${t.schema}.${t.name}`,
          description: `${t.type}, ~${t.rowEstimate ?? '?'} rows${t.comment ? ` — ${t.comment}` : ''}`,
          mimeType: 'application/json',
        })),
        ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
      };
    },
    async read(uri, variables) {
      const schema = decodeURIComponent(String(variables.schema));
      const table = decodeURIComponent(String(variables.table));
      const description = await describeOrThrow(db, table, schema);
      return [{ uri, mimeType: 'application/json', text: JSON.stringify(description, null, 2) }];
    },
  });
}

function tableUri(schema: string, table: string): string {
  return `db://${encodeURIComponent(schema)}/${encodeURIComponent(table)}`;
}
