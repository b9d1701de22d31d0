import { ToolError } from '@mcpctl/toolkit';
import { DbErrorCode } from '../tool-errors.js';
import type { DbToolContext } from './context.js';

/** The entry's `schemas` allow-list, for the catalog tools and resources. */
export function checkSchemaAllowed(db: DbToolContext, schema: string): string {
  const allowed = db.options.schemas;
  if (allowed && !allowed.includes(schema)) {
    throw new ToolError(DbErrorCode.SCHEMA_NOT_ALLOWED, `Schema "${schema}" is not in this server's schemas list (${allowed.join(', ')})`, {
      hint: `Add it to \`schemas\` on servers.${db.serverName} in the mcpctl config, or pick one of the listed schemas.`,
    });
  }
  return schema;
}

/** Split "schema.table" (when no schema is given) and apply the default schema. */
export function resolveTable(db: DbToolContext, table: string, schema: string | undefined): { schema: string; table: string } {
  if (schema === undefined) {
    const dot = table.indexOf('.');
    if (dot > 0 && dot < table.length - 1) return { schema: checkSchemaAllowed(db, table.slice(0, dot)), table: table.slice(dot + 1) };
  }
  return { schema: checkSchemaAllowed(db, schema ?? db.engine.defaultSchema()), table };
}
