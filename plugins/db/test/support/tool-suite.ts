import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import type { Dialect } from '../../src/sql/lexer.js';
import { connect, type Connected } from './client.js';

/**
 * Every tool, through an SDK client over an in-memory transport, against
 * one engine. `url()` gives a freshly seeded database (see fixtures.ts).
 */

interface Page {
  columns: { name: string; type: string }[];
  rows: unknown[][];
  rowCount: number;
  offset: number;
  truncated: boolean;
  nextCursor?: string;
}

/** Read a cursor to its end, so it does not hold its transaction (and, on SQLite, its lock). */
async function drain(server: Connected, cursor: string | undefined): Promise<void> {
  let next = cursor;
  while (next) next = (await server.ok<Page>('query', { cursor: next })).nextCursor;
}

export function toolSuite(dialect: Dialect, url: () => string, defaultSchema: () => string): void {
  const ph = (n: number): string => (dialect === 'postgres' ? `$${n}` : '?');
  let reader: Connected;
  let writer: Connected;
  let destroyer: Connected;

  beforeAll(async () => {
    reader = await connect({
      url: url(),
      queries: {
        account_by_name: {
          sql: 'SELECT id, name FROM accounts WHERE name = :name',
          description: 'Find an account by name',
          params: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] },
        },
        reset_balance: {
          sql: 'UPDATE accounts SET balance = 0 WHERE id = :id',
          params: { type: 'object', properties: { id: { type: 'integer' } }, required: ['id'] },
        },
      },
    });
    writer = await connect({ url: url(), access: 'write' });
    destroyer = await connect({ url: url(), access: 'destructive' });
  });
  afterAll(async () => {
    await reader?.close();
    await writer?.close();
    await destroyer?.close();
  });

  describe('catalog', () => {
    it('lists tools with honest annotations and output schemas', async () => {
      const { tools } = await reader.client.listTools();
      const byName = new Map(tools.map((t) => [t.name, t]));
      for (const name of ['list_schemas', 'list_tables', 'describe_table', 'search_objects', 'query', 'explain', 'execute', 'account_by_name', 'reset_balance']) {
        expect(byName.has(name), name).toBe(true);
        expect(byName.get(name)?.outputSchema?.type).toBe('object');
      }
      expect(byName.get('query')?.annotations).toMatchObject({ readOnlyHint: true, destructiveHint: false });
      expect(byName.get('execute')?.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: false, idempotentHint: false });
      expect(byName.get('reset_balance')?.annotations?.readOnlyHint).toBe(false);
      expect(byName.get('account_by_name')?.inputSchema.required).toEqual(['name']);
    });

    it('list_schemas includes the default schema', async () => {
      const out = await reader.ok<{ schemas: { name: string; tables: number }[]; defaultSchema: string }>('list_schemas');
      expect(out.defaultSchema).toBe(defaultSchema());
      const own = out.schemas.find((s) => s.name === defaultSchema());
      expect(own?.tables).toBeGreaterThanOrEqual(4);
    });

    it('list_tables gives types and row estimates, and pages', async () => {
      const out = await reader.ok<{ tables: { name: string; type: string; rowEstimate: number | null; schema: string }[] }>('list_tables', { schema: defaultSchema() });
      const names = out.tables.map((t) => t.name);
      expect(names).toEqual(expect.arrayContaining(['accounts', 'orders', 'numbers', 'big_accounts']));
      expect(out.tables.find((t) => t.name === 'big_accounts')?.type).toBe('view');
      const numbers = out.tables.find((t) => t.name === 'numbers');
      expect(numbers?.rowEstimate).toBeGreaterThan(600);
      expect(numbers?.rowEstimate).toBeLessThan(2500);
      const first = await reader.ok<{ tables: { name: string }[]; nextCursor?: string; truncated: boolean }>('list_tables', { schema: defaultSchema(), limit: 2 });
      expect(first.tables).toHaveLength(2);
      expect(first.truncated).toBe(true);
      const second = await reader.ok<{ tables: { name: string }[] }>('list_tables', { schema: defaultSchema(), limit: 2, cursor: first.nextCursor });
      expect(second.tables[0]?.name).toBe(names[2]);
    });

    it('describe_table shows columns, keys and indexes', async () => {
      const t = await reader.ok<{
        columns: { name: string; type: string; nullable: boolean; primaryKey: boolean; default: string | null }[];
        primaryKey: string[];
        foreignKeys: { columns: string[]; references: { table: string; columns: string[] }; onDelete?: string }[];
        indexes: { name: string; columns: string[]; unique: boolean }[];
      }>('describe_table', { table: 'orders' });
      expect(t.columns.map((c) => c.name)).toEqual(['id', 'account_id', 'total', 'created_at']);
      expect(t.primaryKey).toEqual(['id']);
      expect(t.columns.find((c) => c.name === 'account_id')?.nullable).toBe(false);
      expect(t.columns.find((c) => c.name === 'created_at')?.nullable).toBe(true);
      expect(t.foreignKeys).toHaveLength(1);
      expect(t.foreignKeys[0]).toMatchObject({ columns: ['account_id'], references: { table: 'accounts', columns: ['id'] } });
      expect(t.foreignKeys[0]?.onDelete).toMatch(/CASCADE/);
      expect(t.indexes.find((i) => i.name === 'orders_account_idx')?.columns).toEqual(['account_id']);
      const accounts = await reader.ok<{ columns: { name: string; default: string | null }[] }>('describe_table', { table: `${defaultSchema()}.accounts` });
      expect(accounts.columns.find((c) => c.name === 'balance')?.default).toMatch(/0/);
    });

    it('describe_table of a missing table is a tool error', async () => {
      const error = await reader.fails('describe_table', { table: 'nope' });
      expect(error.code).toBe('DB_NOT_FOUND');
      expect(error.text).toContain('nope');
    });

    it('search_objects finds tables and columns by pattern, paged', async () => {
      const out = await reader.ok<{ objects: { kind: string; name: string; table?: string }[] }>('search_objects', { pattern: 'ACCOUNT' });
      expect(out.objects).toEqual(expect.arrayContaining([
        expect.objectContaining({ kind: 'table', name: 'accounts' }),
        expect.objectContaining({ kind: 'column', name: 'account_id', table: 'orders' }),
      ]));
      const cols = await reader.ok<{ objects: { kind: string }[] }>('search_objects', { pattern: 'acc*', kinds: ['column'] });
      expect(cols.objects.every((o) => o.kind === 'column')).toBe(true);
      const page1 = await reader.ok<{ objects: { name: string }[]; nextCursor?: string; truncated: boolean }>('search_objects', { pattern: 'a', kinds: ['table', 'view'], limit: 1 });
      expect(page1.truncated).toBe(true);
      const page2 = await reader.ok<{ objects: { name: string }[] }>('search_objects', { pattern: 'a', kinds: ['table', 'view'], limit: 1, cursor: page1.nextCursor });
      expect(page2.objects[0]?.name).not.toBe(page1.objects[0]?.name);
      const none = await reader.ok<{ objects: unknown[] }>('search_objects', { pattern: 'zz_no_such_thing' });
      expect(none.objects).toEqual([]);
    });
  });

  describe('query', () => {
    it('returns typed columns and rows with bound positional and named params', async () => {
      const out = await reader.ok<Page>('query', { sql: `SELECT id, name, balance FROM accounts WHERE id >= ${ph(1)} ORDER BY id`, params: [2] });
      expect(out.columns.map((c) => c.name)).toEqual(['id', 'name', 'balance']);
      expect(out.columns.every((c) => c.type.length > 0)).toBe(true);
      expect(out.rows.map((r) => r[1])).toEqual(['bob', 'carol']);
      expect(out.truncated).toBe(false);
      expect(out.nextCursor).toBeUndefined();
      const named = await reader.ok<Page>('query', { sql: 'SELECT name FROM accounts WHERE id = :id AND name <> :skip', params: { id: 1, skip: 'x' } });
      expect(named.rows).toEqual([['alice']]);
      const mixed = await reader.fails('query', { sql: 'SELECT name FROM accounts WHERE id = :id', params: [1] });
      expect(mixed.code).toBe('DB_BAD_PARAMS');
      expect(mixed.text).toContain(':id');
      const missing = await reader.fails('query', { sql: 'SELECT name FROM accounts WHERE id = :id', params: { other: 1 } });
      expect(missing.code).toBe('DB_BAD_PARAMS');
    });

    it('pages through a result with the cursor, in order and complete', async () => {
      const seen: number[] = [];
      let page = await reader.ok<Page>('query', { sql: 'SELECT n FROM numbers ORDER BY n' });
      expect(page.rows).toHaveLength(500);
      expect(page.truncated).toBe(true);
      seen.push(...page.rows.map((r) => Number(r[0])));
      let calls = 1;
      while (page.nextCursor) {
        page = await reader.ok<Page>('query', { cursor: page.nextCursor });
        seen.push(...page.rows.map((r) => Number(r[0])));
        calls++;
      }
      expect(calls).toBe(3);
      expect(seen).toEqual(Array.from({ length: 1234 }, (_, i) => i + 1));
      expect(page.offset).toBe(1000);
    });

    it('honours a smaller maxRows per call and never more than the entry allows', async () => {
      const page = await reader.ok<Page>('query', { sql: 'SELECT n FROM numbers ORDER BY n', maxRows: 7 });
      expect(page.rows).toHaveLength(7);
      const next = await reader.ok<Page>('query', { cursor: page.nextCursor, maxRows: 3 });
      expect(next.rows.map((r) => Number(r[0]))).toEqual([8, 9, 10]);
      await drain(reader, next.nextCursor);
      const tooMany = await reader.fails('query', { sql: 'SELECT 1', maxRows: 501 });
      expect(tooMany.code).toBe('INVALID_ARGUMENTS');
    });

    it('refuses a cursor used with a different statement, and an unknown one', async () => {
      const page = await reader.ok<Page>('query', { sql: 'SELECT n FROM numbers ORDER BY n', maxRows: 5 });
      const wrong = await reader.fails('query', { sql: 'SELECT 2', cursor: page.nextCursor });
      expect(wrong.code).toBe('INVALID_CURSOR');
      const again = await reader.ok<Page>('query', { cursor: page.nextCursor, maxRows: 1 });
      expect(again.rows).toEqual([[6]]);
      await drain(reader, again.nextCursor);
      const bogus = await reader.fails('query', { cursor: 'not-a-cursor' });
      expect(bogus.code).toBe('INVALID_CURSOR');
    });

    it('refuses statements that write, saying which access they need', async () => {
      const error = await reader.fails('query', { sql: 'DELETE FROM accounts WHERE id = 1' });
      expect(error.code).toBe('ACCESS_DENIED');
      expect(error.text).toContain('needs access: write');
      const ddl = await reader.fails('query', { sql: 'DROP TABLE accounts' });
      expect(ddl.text).toContain('needs access: destructive');
      const wrongTool = await writer.fails('query', { sql: 'DELETE FROM accounts WHERE id = 1' });
      expect(wrongTool.code).toBe('DB_WRONG_TOOL');
      const multi = await reader.fails('query', { sql: 'SELECT 1; SELECT 2' });
      expect(multi.code).toBe('DB_STATEMENT_NOT_ALLOWED');
    });

    it('reports SQL errors as tool errors with the engine message and code', async () => {
      const error = await reader.fails('query', { sql: 'SELECT no_such_column FROM accounts' });
      expect(error.code).toBe('DB_SQL_ERROR');
      expect(error.text).toMatch(/no_such_column/);
      // The engine's own code: PostgreSQL's SQLSTATE, MySQL's error name, SQLite's result code.
      const engineCode = { postgres: /^42703$/, mysql: /^ER_BAD_FIELD_ERROR \(1054, SQLSTATE 42S22\)$/, sqlite: /^SQLITE_SQL_LOGIC_ERROR$/ }[dialect];
      expect(String(error.details?.code)).toMatch(engineCode);
      if (dialect === 'postgres') expect(error.details?.position).toBe(8);
      const syntax = await reader.fails('query', { sql: 'SELECT FROM WHERE' });
      expect(syntax.code).toBe('DB_SQL_ERROR');
      // The server is still fine afterwards.
      expect((await reader.ok<Page>('query', { sql: 'SELECT 1 AS one' })).rows).toEqual([[1]]);
    });

    it('keeps each result within the byte budget and continues with the cursor', async () => {
      const small = await connect({ url: url(), maxResultBytes: 2048 });
      try {
        const page = await small.ok<Page>('query', { sql: 'SELECT n, n * 2 AS twice FROM numbers ORDER BY n' });
        expect(page.rows.length).toBeGreaterThan(10);
        expect(page.rows.length).toBeLessThan(500);
        expect(page.truncated).toBe(true);
        const next = await small.ok<Page>('query', { cursor: page.nextCursor, maxRows: 1 });
        expect(next.rows[0]?.[0]).toBe(page.rows.length + 1);
      } finally {
        await small.close();
      }
    });

    it('expires idle cursors with a clear error', async () => {
      const quick = await connect({ url: url(), cursorIdleMs: 1000 });
      try {
        const page = await quick.ok<Page>('query', { sql: 'SELECT n FROM numbers ORDER BY n', maxRows: 2 });
        await new Promise((resolve) => setTimeout(resolve, 1300));
        const expired = await quick.fails('query', { cursor: page.nextCursor });
        expect(expired.code).toBe('DB_CURSOR_EXPIRED');
        expect(expired.text).toMatch(/again/i);
      } finally {
        await quick.close();
      }
    });
  });

  describe('explain', () => {
    it('shows a plan without executing', async () => {
      const out = await reader.ok<{ format: string; plan: unknown; analyzed: boolean }>('explain', { sql: `SELECT * FROM orders WHERE account_id = ${ph(1)}`, params: [1] });
      expect(out.analyzed).toBe(false);
      expect(JSON.stringify(out.plan)).toMatch(/orders/i);
    });

    it('refuses analyze in read tier; runs it (rolled back) in write tier', async () => {
      const denied = await reader.fails('explain', { sql: 'SELECT * FROM accounts', analyze: true });
      expect(denied.code).toBe('ACCESS_DENIED');
      if (dialect === 'sqlite') {
        expect((await writer.fails('explain', { sql: 'SELECT 1', analyze: true })).text).toMatch(/EXPLAIN ANALYZE/);
        return;
      }
      const out = await writer.ok<{ analyzed: boolean }>('explain', { sql: 'UPDATE accounts SET balance = balance + 1000 WHERE id = 2', analyze: true });
      expect(out.analyzed).toBe(true);
      const after = await reader.ok<Page>('query', { sql: 'SELECT balance FROM accounts WHERE id = 2' });
      expect(Number(after.rows[0]?.[0])).toBe(20);
    });
  });

  describe('execute', () => {
    it('is refused in read tier', async () => {
      const error = await reader.fails('execute', { sql: 'INSERT INTO numbers (n) VALUES (5000)' });
      expect(error.code).toBe('ACCESS_DENIED');
      expect(error.text).toContain('access: write');
    });

    it('dryRun reports affected rows and rolls back; a real run commits', async () => {
      const dry = await writer.ok<{ rowCount: number; committed: boolean; dryRun: boolean }>('execute', { sql: `UPDATE numbers SET n = n + 100000 WHERE n <= ${ph(1)}`, params: [10], dryRun: true });
      expect(dry).toMatchObject({ rowCount: 10, committed: false, dryRun: true });
      const count = await reader.ok<Page>('query', { sql: 'SELECT count(*) FROM numbers WHERE n > 100000' });
      expect(Number(count.rows[0]?.[0])).toBe(0);
      const real = await writer.ok<{ rowCount: number; committed: boolean }>('execute', { sql: `INSERT INTO numbers (n) VALUES (${ph(1)}), (${ph(2)})`, params: [5001, 5002] });
      expect(real).toMatchObject({ rowCount: 2, committed: true });
      const deleted = await writer.ok<{ rowCount: number }>('execute', { sql: 'DELETE FROM numbers WHERE n > :min', params: { min: 5000 } });
      expect(deleted.rowCount).toBe(2);
    });

    it('needs destructive for DDL and for UPDATE/DELETE without WHERE', async () => {
      const noWhere = await writer.fails('execute', { sql: 'DELETE FROM orders' });
      expect(noWhere.code).toBe('ACCESS_DENIED');
      expect(noWhere.text).toContain('needs access: destructive');
      expect(noWhere.text).toContain('without a WHERE');
      const ddl = await writer.fails('execute', { sql: 'CREATE TABLE extra (x INTEGER)' });
      expect(ddl.text).toContain('needs access: destructive');
      const created = await destroyer.ok<{ committed: boolean }>('execute', { sql: 'CREATE TABLE extra (x INTEGER)' });
      expect(created.committed).toBe(true);
      const listed = await destroyer.ok<{ tables: { name: string }[] }>('list_tables', { schema: defaultSchema() });
      expect(listed.tables.map((t) => t.name)).toContain('extra');
      if (dialect === 'mysql') {
        const dryDdl = await destroyer.fails('execute', { sql: 'DROP TABLE extra', dryRun: true });
        expect(dryDdl.text).toMatch(/commits implicitly/);
      }
      await destroyer.ok('execute', { sql: 'DROP TABLE extra' });
    });

    it('returns rows of RETURNING-style statements and SQL errors as tool errors', async () => {
      const dup = await writer.fails('execute', { sql: 'INSERT INTO accounts (id, name) VALUES (1, \'dup\')' });
      expect(dup.code).toBe('DB_SQL_ERROR');
      if (dialect !== 'mysql') {
        const out = await writer.ok<{ rows: unknown[][]; rowCount: number }>('execute', { sql: 'UPDATE accounts SET note = note WHERE id = 1 RETURNING id, name', dryRun: true });
        expect(out.rows).toEqual([[1, 'alice']]);
        expect(out.rowCount).toBe(1);
      }
    });
  });

  describe('named queries', () => {
    it('run as their own tools with typed, bound parameters', async () => {
      const out = await reader.ok<Page>('account_by_name', { name: 'carol' });
      expect(out.rows).toEqual([[3, 'carol']]);
      const injected = await reader.ok<Page>('account_by_name', { name: "carol' OR '1'='1" });
      expect(injected.rows).toEqual([]);
      const missing = await reader.fails('account_by_name', {});
      expect(missing.code).toBe('INVALID_ARGUMENTS');
      const typed = await reader.fails('account_by_name', { name: 5 });
      expect(typed.code).toBe('INVALID_ARGUMENTS');
    });

    it('a writing named query keeps its tier', async () => {
      const denied = await reader.fails('reset_balance', { id: 1 });
      expect(denied.code).toBe('ACCESS_DENIED');
    });
  });

  describe('resources', () => {
    it('lists each table as a resource and reads its schema', async () => {
      const templates = await reader.client.listResourceTemplates();
      expect(templates.resourceTemplates.map((t) => t.uriTemplate)).toContain('db://{schema}/{table}');
      const { resources } = await reader.client.listResources();
      const uri = `db://${encodeURIComponent(defaultSchema())}/accounts`;
      expect(resources.map((r) => r.uri)).toContain(uri);
      const read = await reader.client.readResource({ uri });
      const content = read.contents[0] as { text: string; mimeType?: string };
      expect(content.mimeType).toBe('application/json');
      expect(JSON.parse(content.text)).toMatchObject({ name: 'accounts', primaryKey: ['id'] });
      await expect(reader.client.readResource({ uri: `db://${encodeURIComponent(defaultSchema())}/nope` })).rejects.toThrow(/nope/);
    });
  });
}
