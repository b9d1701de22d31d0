import { describe, expect, it } from 'vitest';
import { connect, connectError } from './support/client.js';
import { postgresAvailable, seededDatabase } from './support/databases.js';
import { toolSuite } from './support/tool-suite.js';

const available = await postgresAvailable();

describe.skipIf(!available)('db tools on PostgreSQL', () => {
  const db = seededDatabase('postgres');

  toolSuite('postgres', () => db().url, () => 'public');

  describe('PostgreSQL specifics', () => {
    it('says which limit to raise when a statement times out', async () => {
      const server = await connect({ url: db().url, statementTimeoutMs: 200 });
      try {
        const error = await server.fails('query', { sql: 'SELECT pg_sleep(2)' });
        expect(error.code).toBe('DB_STATEMENT_TIMEOUT');
        expect(error.text).toContain('statementTimeoutMs');
        expect(error.text).toContain('200ms');
        expect((await server.ok<{ rows: unknown[][] }>('query', { sql: 'SELECT 1' })).rows).toEqual([[1]]);
      } finally {
        await server.close();
      }
    });

    it('cancels the statement in the database when the client cancels the call', async () => {
      const server = await connect({ url: db().url, pool: 2 });
      try {
        const controller = new AbortController();
        const started = Date.now();
        const call = server.client.callTool({ name: 'query', arguments: { sql: 'SELECT pg_sleep(20)' } }, undefined, { signal: controller.signal });
        setTimeout(() => controller.abort(), 300);
        await expect(call).rejects.toThrow();
        // The cancel reaches PostgreSQL on its own connection: the sleeping backend stops well before its 20 s.
        const sleeping = "SELECT count(*) FROM pg_stat_activity WHERE query = 'SELECT pg_sleep(20)' AND state = 'active'";
        let active = 1;
        while (active > 0 && Date.now() - started < 10_000) {
          active = Number((await server.ok<{ rows: unknown[][] }>('query', { sql: sleeping })).rows[0]?.[0]);
          if (active > 0) await new Promise((resolve) => setTimeout(resolve, 100));
        }
        expect(active).toBe(0);
        expect(Date.now() - started).toBeLessThan(10_000);
        // And the pool is whole: both connections answer.
        const both = await Promise.all([server.ok<{ rows: unknown[][] }>('query', { sql: 'SELECT 1' }), server.ok<{ rows: unknown[][] }>('query', { sql: 'SELECT 2' })]);
        expect(both.map((r) => r.rows)).toEqual([[[1]], [[2]]]);
      } finally {
        await server.close();
      }
    });

    it('reports the position of a syntax error', async () => {
      const server = await connect({ url: db().url });
      try {
        const error = await server.fails('query', { sql: 'SELECT id,\n  FROM accounts' });
        expect(error.details).toMatchObject({ code: '42601', line: 2, column: 3 });
        expect(error.text).toContain('line 2, column 3');
      } finally {
        await server.close();
      }
    });

    it('runs every read call in a read-only transaction', async () => {
      const server = await connect({ url: db().url });
      try {
        const out = await server.ok<{ rows: unknown[][] }>('query', { sql: "SELECT current_setting('transaction_read_only'), current_setting('statement_timeout')" });
        expect(out.rows).toEqual([['on', '15s']]);
        // A function that writes passes the classifier (it cannot see inside) — PostgreSQL refuses it.
        const error = await server.fails('query', { sql: 'SELECT bump_fn()' });
        expect(error.code).toBe('DB_SQL_ERROR');
        expect(error.details?.code).toBe('25006');
      } finally {
        await server.close();
      }
    });

    it('keeps exact values: bigints, numerics, dates, json, bytes', async () => {
      const server = await connect({ url: db().url });
      try {
        const out = await server.ok<{ rows: unknown[][]; columns: { type: string }[] }>('query', {
          sql: "SELECT 9007199254740993::int8, 1.10::numeric, '2026-03-04'::date, '2026-03-04 05:06:07'::timestamp, '{\"a\":1}'::jsonb, '\\x0102'::bytea, NULL::text, ARRAY[1,2]",
        });
        expect(out.rows[0]).toEqual(['9007199254740993', '1.10', '2026-03-04', '2026-03-04 05:06:07', { a: 1 }, '\\x0102', null, [1, 2]]);
        expect(out.columns.map((c) => c.type)).toEqual(['int8', 'numeric', 'date', 'timestamp', 'jsonb', 'bytea', 'text', 'integer[]']);
      } finally {
        await server.close();
      }
    });

    it('names host, port and database when it cannot connect, without the password', async () => {
      const url = new URL(db().url);
      url.port = '1';
      url.username = 'someone';
      url.password = 's3cret-pass';
      const error = await connectError({ url: url.href });
      expect(error.code).toBe('MCPCTL_DB_CONNECT');
      expect(error.message).toContain(`127.0.0.1:1`);
      expect(error.message).toContain(db().name);
      expect(error.message).toMatch(/ECONNREFUSED/);
      expect(error.message).not.toContain('s3cret-pass');
      expect(error.message).toContain('***');
    });

    it('a wrong database name is the driver\'s reason', async () => {
      const url = new URL(db().url);
      url.pathname = '/no_such_db_here';
      await expect(connect({ url: url.href })).rejects.toThrow(/no_such_db_here.*does not exist|does not exist.*no_such_db_here/);
    });
  });
});
