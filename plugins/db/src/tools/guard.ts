import { ToolError, tierAllows, type ToolContext } from '@mcpctl/toolkit';
import { classify, type Classification } from '../sql/classify.js';
import type { Dialect } from '../sql/lexer.js';
import { DbErrorCode } from '../tool-errors.js';

/**
 * The classifier's early refusals, as tool errors that say what to change.
 * The database enforces the same limits again when the statement runs.
 */

export function refuseNever(c: Classification): never {
  throw new ToolError(DbErrorCode.NOT_ALLOWED, `\`${c.kind}\` is not accepted: ${c.reason}`, {
    hint: 'Send exactly one statement per call, without transaction control or SET; mcpctl opens and ends the transaction itself.',
    details: { kind: c.kind, ...(c.position === undefined ? {} : { position: c.position }) },
  });
}

/** For read-tier tools (query, named read queries): only statements that read pass. */
export function guardRead(sql: string, dialect: Dialect, ctx: ToolContext): Classification {
  const c = classify(sql, dialect);
  if (c.needs === 'never') refuseNever(c);
  if (c.needs !== 'read') {
    if (tierAllows(ctx.access, c.needs)) {
      throw new ToolError(DbErrorCode.WRONG_TOOL, `\`${c.kind}\` needs access: ${c.needs} (${c.reason}); the query tool only reads`, {
        hint: 'Use the execute tool for statements that change data.',
        details: { kind: c.kind, needs: c.needs },
      });
    }
    ctx.requireAccess(c.needs, `\`${c.kind}\` (${c.reason})`);
  }
  return c;
}

/** For execute: the statement's tier must be granted. */
export function guardExecute(sql: string, dialect: Dialect, ctx: ToolContext): Classification {
  const c = classify(sql, dialect);
  if (c.needs === 'never') refuseNever(c);
  ctx.requireAccess(c.needs === 'read' ? 'write' : c.needs, `\`${c.kind}\` (${c.reason})`);
  return c;
}
