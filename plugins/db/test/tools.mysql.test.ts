import { describe, expect, it } from 'vitest';
import { connect, connectError } from './support/client.js';
import { mysqlAvailable, seededDatabase } from './support/databases.js';
import { toolSuite } from './support/tool-suite.js';

const available = await mysqlAvailable();

describe.skipIf(!available)('db tools on MariaDB/MySQL', () => {
  const db = seededDatabase('mysql');

  toolSuite('mysql', () => db().url, () => db().name);

  describe('MySQL/MariaDB specifics', () => {
    it('says which limit to raise when a statement times out', async () => {
      const server = await connect({ url: db().url, statementTimeoutMs: 300 });
      try {
        const error = await server.fails('query', { sql: 'SELECT count(*) FROM numbers a, numbers b, numbers c' });
        expect(error.code).toBe('DB_STATEMENT_TIMEOUT');
        expect(error.text).toContain('statementTimeoutMs');
        expect((await server.ok<{ rows: unknown[][] }>('query', { sql: 'SELECT 1' })).rows).toEqual([[1]]);
      } finally {
        await server.close();
      }
    });

    it('kills the query in the server when the client cancels the call', async () => {
      const server = await connect({ url: db().url, pool: 2 });
      try {
        const controller = new AbortController();
        const started = Date.now();
        const call = server.client.callTool({ name: 'query', arguments: { sql: 'SELECT SLEEP(20) AS slept' } }, undefined, { signal: controller.signal });
        setTimeout(() => controller.abort(), 300);
        await expect(call).rejects.toThrow();
        const sleeping = "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE INFO = 'SELECT SLEEP(20) AS slept'";
        let active = 1;
        while (active > 0 && Date.now() - started < 10_000) {
          active = Number((await server.ok<{ rows: unknown[][] }>('query', { sql: sleeping })).rows[0]?.[0]);
          if (active > 0) await new Promise((resolve) => setTimeout(resolve, 100));
        }
        expect(active).toBe(0);
      } finally {
        await server.close();
      }
    });

    it('runs every read call in a read-only transaction, and write tier with sql_safe_updates', async () => {
      const reader = await connect({ url: db().url });
      const writer = await connect({ url: db().url, access: 'write' });
      try {
        const out = await reader.ok<{ rows: unknown[][] }>('query', { sql: 'SELECT @@tx_read_only' });
        expect(out.rows).toEqual([[1]]);
        const error = await reader.fails('query', { sql: 'SELECT bump_fn()' });
        expect(error.code).toBe('DB_SQL_ERROR');
        expect(error.text).toMatch(/READ ONLY/i);
        // The classifier sees a WHERE; the database still refuses an UPDATE that uses no key.
        const unsafe = await writer.fails('execute', { sql: 'UPDATE accounts SET balance = balance WHERE note IS NULL OR 1 = 1' });
        expect(unsafe.text).toMatch(/safe update/i);
      } finally {
        await reader.close();
        await writer.close();
      }
    });

    it('keeps exact values: bigints, decimals, dates, bytes', async () => {
      const server = await connect({ url: db().url });
      try {
        const out = await server.ok<{ rows: unknown[][] }>('query', { sql: "SELECT CAST(9007199254740993 AS SIGNED), CAST(1.10 AS DECIMAL(5,2)), DATE '2026-03-04', TIMESTAMP '2026-03-04 05:06:07', x'0102', NULL" });
        expect(out.rows[0]).toEqual(['9007199254740993', '1.10', '2026-03-04', '2026-03-04 05:06:07', '\\x0102', null]);
      } finally {
        await server.close();
      }
    });

    it('names host, port and database when it cannot connect, without the password', async () => {
      const url = new URL(db().url);
      url.port = '1';
      url.password = 's3cret-pass';
      const error = await connectError({ url: url.href });
      expect(error).toMatchObject({ code: 'MCPCTL_DB_CONNECT' });
      expect(error.message).toContain('127.0.0.1:1');
      expect(error.message).toContain(db().name);
      expect(error.message).not.toContain('s3cret-pass');
    });
  });
});
