import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from './support/client.js';
import { seedStatements } from './support/fixtures.js';
import { toolSuite } from './support/tool-suite.js';

let dir: string;
let file: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'mcpctl-db-'));
  file = join(dir, 'shop.db');
  const db = new DatabaseSync(file);
  for (const sql of seedStatements('sqlite')) db.exec(sql);
  db.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('db tools on SQLite', () => {
  toolSuite('sqlite', () => `sqlite:${file}`, () => 'main');
});

describe('SQLite specifics', () => {
  it('resolves a relative path against the config directory', async () => {
    const server = await connect({ url: 'sqlite:./shop.db' }, { baseDir: dir });
    try {
      const out = await server.ok<{ rows: unknown[][] }>('query', { sql: 'SELECT count(*) FROM accounts' });
      expect(out.rows).toEqual([[3]]);
    } finally {
      await server.close();
    }
  });

  it('stops a runaway statement at the time limit, and keeps serving', async () => {
    const server = await connect({ url: `sqlite:${file}`, statementTimeoutMs: 300 });
    try {
      const started = Date.now();
      const error = await server.fails('query', { sql: 'SELECT count(*) FROM numbers a, numbers b, numbers c' });
      expect(error.code).toBe('DB_STATEMENT_TIMEOUT');
      expect(error.text).toContain('statementTimeoutMs');
      expect(Date.now() - started).toBeLessThan(3_000);
      expect((await server.ok<{ rows: unknown[][] }>('query', { sql: 'SELECT count(*) FROM accounts' })).rows).toEqual([[3]]);
    } finally {
      await server.close();
    }
  });

  it('a timeout ends the cursors that were open in the stopped worker', async () => {
    const server = await connect({ url: `sqlite:${file}`, statementTimeoutMs: 300 });
    try {
      const page = await server.ok<{ nextCursor: string }>('query', { sql: 'SELECT n FROM numbers ORDER BY n', maxRows: 5 });
      await server.fails('query', { sql: 'SELECT count(*) FROM numbers a, numbers b, numbers c' });
      expect((await server.fails('query', { cursor: page.nextCursor })).code).toBe('DB_CURSOR_EXPIRED');
    } finally {
      await server.close();
    }
  });

  it('names the file when it cannot be opened', async () => {
    await expect(connect({ url: 'sqlite:./missing.db' }, { baseDir: dir })).rejects.toMatchObject({
      code: 'MCPCTL_DB_CONNECT',
      message: expect.stringContaining(join(dir, 'missing.db')),
    });
  });

  it('serves an in-memory database: read and write tiers share one connection, query_only switches per call', async () => {
    const server = await connect({ url: 'sqlite::memory:', access: 'destructive' });
    try {
      await server.ok('execute', { sql: 'CREATE TABLE t (x INTEGER)' });
      await server.ok('execute', { sql: 'INSERT INTO t VALUES (1), (2)' });
      expect((await server.ok<{ rows: unknown[][] }>('query', { sql: 'SELECT sum(x) FROM t' })).rows).toEqual([[3]]);
      // A write smuggled past the classifier into read tier is refused by SQLite's authorizer.
      const page = await server.ok<{ nextCursor: string }>('query', { sql: 'SELECT x FROM t ORDER BY x', maxRows: 1 });
      await server.ok('execute', { sql: 'INSERT INTO t VALUES (3)' });
      const rest = await server.ok<{ rows: unknown[][] }>('query', { cursor: page.nextCursor });
      expect(rest.rows.length).toBeGreaterThanOrEqual(1);
    } finally {
      await server.close();
    }
  });

  it.each([
    [{ query: { sql: 'SELECT 1' } }, /taken by a built-in tool/],
    [{ q: { sql: 'SELECT :a', params: { type: 'object', properties: {} } } }, /uses :a but params declares no such property/],
    [{ q: { sql: 'BEGIN' } }, /not accepted/],
    [{ q: { sql: 'SELECT :cursor', params: { type: 'object', properties: { cursor: { type: 'string' } } } } }, /reserved/],
  ])('refuses a bad named query at start-up: %j', async (queries, message) => {
    await expect(connect({ url: `sqlite:${file}`, queries })).rejects.toThrow(message);
  });

  it('a named query that writes runs through execute in write tier, with dryRun', async () => {
    const server = await connect({
      url: `sqlite:${file}`,
      access: 'write',
      queries: { rename: { sql: 'UPDATE accounts SET name = :name WHERE id = :id', params: { type: 'object', properties: { id: { type: 'integer' }, name: { type: 'string' } }, required: ['id', 'name'] } } },
    });
    try {
      const dry = await server.ok<{ rowCount: number; committed: boolean }>('rename', { id: 2, name: 'robert', dryRun: true });
      expect(dry).toMatchObject({ rowCount: 1, committed: false });
      expect((await server.ok<{ rows: unknown[][] }>('query', { sql: 'SELECT name FROM accounts WHERE id = 2' })).rows).toEqual([['bob']]);
    } finally {
      await server.close();
    }
  });
});

