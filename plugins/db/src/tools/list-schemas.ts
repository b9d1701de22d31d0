import { defineTool, type Tool } from '@mcpctl/toolkit';
import type { SchemaInfo } from '../engines/engine.js';
import type { DbToolContext } from './context.js';

export function listSchemasTool(db: DbToolContext): Tool {
  return defineTool<Record<string, never>, { schemas: SchemaInfo[]; defaultSchema: string }>({
    name: 'list_schemas',
    title: 'List schemas',
    description: 'List the schemas (databases on MySQL, attached databases on SQLite) this server may show, with how many tables and views each has.',
    tier: 'read',
    inputSchema: { type: 'object', properties: {}, additionalProperties: false },
    outputSchema: {
      type: 'object',
      properties: {
        schemas: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' }, tables: { type: 'integer' } }, required: ['name', 'tables'] } },
        defaultSchema: { type: 'string', description: 'Where unqualified table names resolve.' },
      },
      required: ['schemas', 'defaultSchema'],
    },
    async handler() {
      return { schemas: await db.engine.listSchemas(db.options.schemas), defaultSchema: db.engine.defaultSchema() };
    },
    render: (out) => out.schemas.map((s) => `${s.name}\t${s.tables} table${s.tables === 1 ? '' : 's'}${s.name === out.defaultSchema ? '\t(default)' : ''}`).join('\n') || '(no schemas)',
  });
}
