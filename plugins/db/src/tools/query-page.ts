import type { ColumnInfo, Row } from '../engines/engine.js';

/** The structured output of `query` and of named read queries: one page of a result. */
export interface QueryPage extends Record<string, unknown> {
  columns: ColumnInfo[];
  rows: Row[];
  rowCount: number;
  offset: number;
  truncated: boolean;
  nextCursor?: string;
}

/** A base whose constructor returns the object it is given, so a subclass stamps its private field onto that object. */
class Stamp {
  constructor(target: object) {
    return target;
  }
}

/**
 * A page's finished text rendering, held in a private field stamped onto
 * the page object itself: the page stays a plain object (the SDK checks
 * that structuredContent is one), the field is not a property (JSON, schema
 * checks, clones and the SDK's parsing never see it), and it goes away with
 * the page.
 *
 * The text is made once, from the rows' JSON that was at hand while they
 * were measured for the byte budget. Handing that JSON to the renderer
 * through a module-level WeakMap instead kept every page's row strings
 * alive until the next young-generation collection, however soon the page
 * died (V8's scavenger keeps the values of a long-lived WeakMap alive), so
 * about 15% of all allocation survived each scavenge and V8 kept doubling
 * the young generation on long scans.
 */
class PageText extends Stamp {
  readonly #text: string;

  private constructor(page: QueryPage, text: string) {
    super(page);
    this.#text = text;
  }

  static attach(page: QueryPage, text: string): QueryPage {
    // Stamp's constructor returns `page`: this is `page`, now with the field.
    return new PageText(page, text) as unknown as QueryPage;
  }

  static of(page: object): string | undefined {
    return #text in page ? (page as PageText).#text : undefined;
  }
}

/** `page`, carrying `text` as its text rendering. */
export function withText(page: QueryPage, text: string): QueryPage {
  return PageText.attach(page, text);
}

/** The text rendering of a page (the tools' `render`): the one made with it, else made now. */
export function renderPage(page: QueryPage): string {
  return PageText.of(page) ?? pageText(page, page.rows.map((row) => JSON.stringify(row)));
}

/**
 * A page as text: a header of column names, then one JSON array per row
 * (unambiguous for NULLs, tabs and newlines), then a footer saying what is
 * left. `lines` are the page's rows as JSON.
 */
export function pageText(page: QueryPage, lines: readonly string[]): string {
  const end = page.offset + page.rowCount;
  const footer = page.truncated
    ? `(rows ${page.offset + 1}-${end}; more rows: call again with cursor=${page.nextCursor ?? ''})`
    : `(${end} row${end === 1 ? '' : 's'})`;
  return `${page.columns.map((c) => c.name).join('\t')}\n${lines.join('\n')}${lines.length > 0 ? '\n' : ''}${footer}`;
}
