import type { JsonSchema } from '@mcpctl/kernel';
import { pageOutputProperties } from '@mcpctl/toolkit';

/** JSON Schemas shared by the db tools' inputs and outputs. */

export const columnsSchema: JsonSchema = {
  type: 'array',
  description: 'Result columns in order, with the database\'s type names.',
  items: { type: 'object', properties: { name: { type: 'string' }, type: { type: 'string' } }, required: ['name', 'type'] },
};

export const rowsSchema: JsonSchema = {
  type: 'array',
  description: 'Rows as arrays of values in column order. Big integers and decimals beyond JS precision are strings; dates and times are the database\'s text; bytes are \\x-prefixed hex.',
  items: { type: 'array' },
};

/** Output of query and of named read queries. */
export const rowsOutputSchema = {
  type: 'object' as const,
  properties: {
    columns: columnsSchema,
    rows: rowsSchema,
    rowCount: { type: 'integer', description: 'Rows in this page.' },
    offset: { type: 'integer', description: 'Index of this page\'s first row in the whole result.' },
    ...pageOutputProperties,
  },
  required: ['columns', 'rows', 'rowCount', 'offset', 'truncated'],
};

export const tableRefProperties = {
  table: { type: 'string', minLength: 1, description: 'Table or view name; "schema.table" is accepted.' },
  schema: { type: 'string', minLength: 1, description: 'Schema (database on MySQL); defaults to the connection\'s current schema.' },
} satisfies Record<string, JsonSchema>;

/** What list_tables gives for each table; describe_table gives this and the details. */
export const tableSummaryProperties = {
  schema: { type: 'string' },
  name: { type: 'string' },
  type: { type: 'string' },
  rowEstimate: { type: ['integer', 'null'] },
  comment: { type: 'string' },
} satisfies Record<string, JsonSchema>;
