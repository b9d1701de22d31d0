import { describe, expect, it } from 'vitest';
import { renderPage, withText, type QueryPage } from '../src/tools/query-page.js';

describe('a query page and its text rendering', () => {
  const page = (): QueryPage => ({
    columns: [{ name: 'id', type: 'int4' }, { name: 'note', type: 'text' }],
    rows: [[1, 'a\tb'], [2, null]],
    rowCount: 2,
    offset: 0,
    truncated: true,
    nextCursor: 'c1',
  });

  it('renders a header, one JSON array per row and a footer', () => {
    expect(renderPage(page())).toBe('id\tnote\n[1,"a\\tb"]\n[2,null]\n(rows 1-2; more rows: call again with cursor=c1)');
    expect(renderPage({ ...page(), rows: [], rowCount: 0, truncated: false, nextCursor: undefined })).toBe('id\tnote\n(0 rows)');
  });

  it('carries text made with it, invisible to JSON, clones and key listings, and stays a plain object', () => {
    const plain = page();
    const carried = withText(plain, 'made once');
    expect(carried).toBe(plain);
    expect(renderPage(carried)).toBe('made once');
    expect(Object.getPrototypeOf(carried)).toBe(Object.prototype);
    expect(Reflect.ownKeys(carried)).toEqual(['columns', 'rows', 'rowCount', 'offset', 'truncated', 'nextCursor']);
    expect(JSON.parse(JSON.stringify(carried))).toEqual(page());
    expect(renderPage(structuredClone(carried))).toBe(renderPage(page()));
  });
});
