import type { ByteBudget } from '@mcpctl/toolkit';
import { ToolError, ToolErrorCode } from '@mcpctl/toolkit';
import type { ColumnInfo, Row, RowCursor } from './engines/engine.js';

/**
 * A RowCursor read in pages: each page asks the engine for one row more
 * than it returns, so it knows whether more exist without a count, and
 * keeps rows the byte budget refused for the next page.
 */
export class PagedCursor {
  readonly #cursor: RowCursor;
  #buffer: Row[] = [];
  /** Rows handed out so far (the offset of the next page). */
  position = 0;

  constructor(cursor: RowCursor) {
    this.#cursor = cursor;
  }

  get columns(): ColumnInfo[] {
    return this.#cursor.columns;
  }

  /**
   * Up to `limit` rows that fit the budget, whether more rows follow, and
   * each returned row as JSON (measured for the budget once, reused for the
   * text rendering).
   */
  async page(limit: number, budget: ByteBudget, signal?: AbortSignal): Promise<{ rows: Row[]; json: string[]; more: boolean; budgetCut: boolean }> {
    const want = limit + 1 - this.#buffer.length;
    if (want > 0 && !this.#cursor.done) {
      const fresh = await this.#cursor.read(want, signal);
      this.#buffer = this.#buffer.length === 0 ? fresh : this.#buffer.concat(fresh);
    }
    const count = Math.min(limit, this.#buffer.length);
    const json: string[] = [];
    let budgetCut = false;
    for (let i = 0; i < count; i++) {
      const text = JSON.stringify(this.#buffer[i]);
      // +1 for the comma between rows in the structured result.
      if (!budget.take(Buffer.byteLength(text, 'utf8') + 1)) {
        budgetCut = true;
        break;
      }
      json.push(text);
    }
    const taken = json.length;
    if (taken === 0 && count > 0) {
      throw new ToolError(ToolErrorCode.RESULT_TOO_LARGE, `One row is larger than this result's byte budget (${budget.limit} bytes)`, {
        hint: 'Select fewer or smaller columns (for example substr() of long text), or raise maxResultBytes on the server entry.',
      });
    }
    const rows = taken === this.#buffer.length ? this.#buffer : this.#buffer.slice(0, taken);
    this.#buffer = taken === this.#buffer.length ? [] : this.#buffer.slice(taken);
    this.position += rows.length;
    return { rows, json, more: this.#buffer.length > 0 || !this.#cursor.done, budgetCut };
  }

  close(): Promise<void> {
    this.#buffer = [];
    return this.#cursor.close();
  }
}
