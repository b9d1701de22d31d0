import { defineTool, ToolError, type Tool } from '@mcpctl/toolkit';
import type { TableDescription } from '../engines/engine.js';
import { DbErrorCode } from '../tool-errors.js';
import type { DbToolContext } from './context.js';
import { checkSchemaAllowed, resolveTable } from './schema-access.js';
import { tableRefProperties, tableSummaryProperties } from './schemas.js';

interface Input {
  table: string;
  schema?: string;
}

const tableDescriptionSchema = {
  type: 'object' as const,
  properties: {
    ...tableSummaryProperties,
    columns: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          name: { type: 'string' },
          type: { type: 'string' },
          nullable: { type: 'boolean' },
          default: { type: ['string', 'null'] },
          primaryKey: { type: 'boolean' },
          comment: { type: 'string' },
        },
        required: ['name', 'type', 'nullable', 'default', 'primaryKey'],
      },
    },
    primaryKey: { type: 'array', items: { type: 'string' } },
    foreignKeys: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          name: { type: 'string' },
          columns: { type: 'array', items: { type: 'string' } },
          references: {
            type: 'object',
            properties: { schema: { type: 'string' }, table: { type: 'string' }, columns: { type: 'array', items: { type: 'string' } } },
            required: ['schema', 'table', 'columns'],
          },
          onUpdate: { type: 'string' },
          onDelete: { type: 'string' },
        },
        required: ['name', 'columns', 'references'],
      },
    },
    indexes: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          name: { type: 'string' },
          columns: { type: 'array', items: { type: 'string' } },
          unique: { type: 'boolean' },
          primary: { type: 'boolean' },
          definition: { type: 'string' },
        },
        required: ['name', 'columns', 'unique', 'primary'],
      },
    },
  },
  required: ['schema', 'name', 'type', 'rowEstimate', 'columns', 'primaryKey', 'foreignKeys', 'indexes'],
};

/** Describe a table, or throw NOT_FOUND naming where it looked. */
export async function describeOrThrow(db: DbToolContext, table: string, schema: string | undefined): Promise<TableDescription> {
  const ref = resolveTable(db, table, schema);
  let found = await db.engine.describeTable(ref.schema, ref.table);
  if (!found && schema === undefined && ref.table !== table) {
    // "a.b" may be a table whose name contains a dot, in the default schema.
    found = await db.engine.describeTable(checkSchemaAllowed(db, db.engine.defaultSchema()), table);
  }
  if (!found) {
    throw new ToolError(DbErrorCode.NOT_FOUND, `No table or view "${ref.table}" in schema "${ref.schema}"`, {
      hint: 'List the tables with list_tables, or find the name with search_objects.',
    });
  }
  return found;
}

export function describeTableTool(db: DbToolContext): Tool {
  return defineTool<Input, TableDescription & Record<string, unknown>>({
    name: 'describe_table',
    title: 'Describe a table',
    description: 'Columns (type, nullability, default), primary key, foreign keys and indexes of a table or view.',
    tier: 'read',
    inputSchema: { type: 'object', properties: tableRefProperties, required: ['table'], additionalProperties: false },
    outputSchema: tableDescriptionSchema,
    async handler(input) {
      return (await describeOrThrow(db, input.table, input.schema)) as TableDescription & Record<string, unknown>;
    },
    render: (t) => [
      `${t.schema}.${t.name} (${t.type}, ~${t.rowEstimate ?? '?'} rows)`,
      ...t.columns.map((c) => `  ${c.name}\t${c.type}${c.nullable ? '' : ' NOT NULL'}${c.default !== null ? ` DEFAULT ${c.default}` : ''}${c.primaryKey ? ' PK' : ''}`),
      ...t.foreignKeys.map((fk) => `  FK ${fk.name}: (${fk.columns.join(', ')}) → ${fk.references.schema}.${fk.references.table}(${fk.references.columns.join(', ')})`),
      ...t.indexes.map((i) => `  INDEX ${i.name}${i.unique ? ' UNIQUE' : ''}${i.primary ? ' PRIMARY' : ''} (${i.columns.join(', ')})`),
    ].join('\n'),
  });
}
