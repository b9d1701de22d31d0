import { cursorScope, decodeCursor, encodeCursor, throwIfAborted, ToolError, ToolErrorCode, type ToolContext } from '@mcpctl/toolkit';
import { PagedCursor } from '../paged-cursor.js';
import { cursorExpired } from '../tool-errors.js';
import type { DbToolContext } from './context.js';
import { pageText, withText, type QueryPage } from './query-page.js';

/**
 * Read one page of a read-tier statement: open a server-side cursor (or
 * resume one from `cursor`), take at most `limit` rows within the byte
 * budget, and park the cursor for the next page when rows remain.
 */

const CURSOR_SCOPE = 'db.query';

export async function runPagedQuery(
  db: DbToolContext,
  request: { sql: string; params: unknown[]; cursor?: string; limit?: number },
  ctx: ToolContext,
): Promise<QueryPage> {
  const limit = Math.min(request.limit ?? db.options.maxRows, db.options.maxRows);
  const print = cursorScope({ sql: request.sql, params: request.params });
  if (request.cursor !== undefined) {
    const state = decodeCursor(request.cursor, CURSOR_SCOPE);
    const id = typeof state === 'object' && state !== null && !Array.isArray(state) && typeof state.id === 'string' ? state.id : undefined;
    if (!id) throw new ToolError(ToolErrorCode.INVALID_CURSOR, 'Invalid cursor: it is not a query cursor');
    const open = db.cursors.take(id);
    if (!open) throw cursorExpired();
    if (request.sql !== '' && open.fingerprint !== print) {
      db.cursors.park(open, id);
      throw new ToolError(ToolErrorCode.INVALID_CURSOR, 'Invalid cursor: it belongs to a different statement or parameters', {
        hint: 'Pass the cursor alone, or with the same sql and params that produced it.',
      });
    }
    return readPage(db, open.paged, open.fingerprint, limit, ctx);
  }
  const rowCursor = await db.engine.openQuery(request.sql, request.params, { timeoutMs: db.options.statementTimeoutMs, signal: ctx.signal });
  return readPage(db, new PagedCursor(rowCursor), print, limit, ctx);
}

async function readPage(db: DbToolContext, paged: PagedCursor, print: string, limit: number, ctx: ToolContext): Promise<QueryPage> {
  const offset = paged.position;
  let page: Awaited<ReturnType<PagedCursor['page']>>;
  try {
    page = await paged.page(limit, ctx.budget, ctx.signal);
  } catch (error) {
    await paged.close().catch(() => undefined);
    throw error;
  }
  if (ctx.signal.aborted) {
    await paged.close().catch(() => undefined);
    throwIfAborted(ctx.signal);
  }
  const out: QueryPage = { columns: paged.columns, rows: page.rows, rowCount: page.rows.length, offset, truncated: page.more };
  if (page.more) {
    const id = db.cursors.park({ paged, fingerprint: print });
    out.nextCursor = encodeCursor({ id }, CURSOR_SCOPE);
  } else {
    await paged.close();
  }
  // Render now, while the rows' JSON is at hand; the per-row strings die here.
  return withText(out, pageText(out, page.json));
}
