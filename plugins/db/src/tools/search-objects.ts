import { cursorScope, decodeOffset, defineTool, offsetCursor, pageInputProperties, pageLimit, pageOutputProperties, type Tool } from '@mcpctl/toolkit';
import type { ObjectKind, ObjectMatch } from '../engines/engine.js';
import type { DbToolContext } from './context.js';
import { checkSchemaAllowed } from './schema-access.js';

interface Input {
  pattern: string;
  kinds?: ObjectKind[];
  schema?: string;
  cursor?: string;
  limit?: number;
}

const KINDS: ObjectKind[] = ['table', 'view', 'column', 'function'];
const LIMITS = { defaultLimit: 100, maxLimit: 500 };

/** A user pattern → a LIKE pattern with `!` as escape: substring match, `*` and `?` as wildcards. */
function toLike(pattern: string): string {
  const escaped = pattern.replace(/[!%_]/g, (c) => `!${c}`).replace(/\*/g, '%').replace(/\?/g, '_');
  return `%${escaped}%`;
}

export function searchObjectsTool(db: DbToolContext): Tool {
  return defineTool<Input, { objects: ObjectMatch[]; nextCursor?: string; truncated: boolean }>({
    name: 'search_objects',
    title: 'Search tables, columns, views and functions',
    description: 'Find tables, views, columns and functions whose name contains a pattern (case-insensitive; * and ? are wildcards). Paged.',
    tier: 'read',
    inputSchema: {
      type: 'object',
      properties: {
        pattern: { type: 'string', minLength: 1, description: 'Part of the name to find, e.g. "cust" or "order*id".' },
        kinds: { type: 'array', items: { enum: KINDS }, uniqueItems: true, minItems: 1, description: 'Kinds of object (default: all).' },
        schema: { type: 'string', description: 'Only this schema.' },
        ...pageInputProperties(LIMITS),
      },
      required: ['pattern'],
      additionalProperties: false,
    },
    outputSchema: {
      type: 'object',
      properties: {
        objects: {
          type: 'array',
          items: {
            type: 'object',
            properties: { kind: { enum: KINDS }, schema: { type: 'string' }, name: { type: 'string' }, table: { type: 'string' }, type: { type: 'string' } },
            required: ['kind', 'schema', 'name'],
          },
        },
        ...pageOutputProperties,
      },
      required: ['objects', 'truncated'],
    },
    async handler(input, ctx) {
      const scope = cursorScope({ pattern: input.pattern, kinds: input.kinds, schema: input.schema });
      const offset = decodeOffset(input.cursor, scope);
      const limit = pageLimit(input, LIMITS);
      const schemas = input.schema !== undefined ? [checkSchemaAllowed(db, input.schema)] : db.options.schemas;
      const found = await db.engine.searchObjects({ like: toLike(input.pattern), kinds: input.kinds ?? KINDS, schemas, limit: limit + 1, offset });
      const objects: ObjectMatch[] = [];
      for (const object of found.slice(0, limit)) {
        if (!ctx.budget.takeJson(object)) break;
        objects.push(object);
      }
      const more = found.length > objects.length;
      return { objects, truncated: more, ...(more ? { nextCursor: offsetCursor(offset + objects.length, scope) } : {}) };
    },
    render: (out) => [
      ...out.objects.map((o) => `${o.kind}\t${o.schema}.${o.table ? `${o.table}.` : ''}${o.name}${o.type ? `\t${o.type}` : ''}`),
      ...(out.nextCursor ? [`(more: cursor=${out.nextCursor})`] : []),
    ].join('\n') || '(nothing found)',
  });
}
