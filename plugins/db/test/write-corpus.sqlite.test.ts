import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe } from 'vitest';
import { corpusSuite, type Attempt } from './support/corpus.js';
import { seedStatements } from './support/fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'mcpctl-corpus-'));
const file = join(dir, 'shop.db');
const attached = join(dir, 'attached.db');
const vacuumed = join(dir, 'vacuumed.db');

const attempts: Attempt[] = [
  { sql: 'SELECT 1; DELETE FROM accounts', why: 'a second statement after a harmless one (SQLite compiles only the first statement)', db: 'no effect' },
  { sql: "SELECT ';'; DELETE FROM accounts", why: 'a semicolon hidden in a string (SQLite compiles only the first statement)', db: 'no effect' },
  { sql: 'SELECT 1 /* ; */; DROP TABLE orders', why: 'a semicolon hidden in a comment (SQLite compiles only the first statement)', db: 'no effect' },
  { sql: 'SELECT [a;b] FROM accounts; DELETE FROM accounts', why: 'a semicolon hidden in a [bracketed] identifier', db: 'refuses' },
  { sql: '-- hello\nDELETE FROM accounts WHERE id = 1', why: 'DELETE behind a line comment', db: 'refuses' },
  { sql: "INSERT INTO accounts (id, name) VALUES (99, 'mallory')", why: 'INSERT', db: 'refuses' },
  { sql: "INSERT OR REPLACE INTO accounts (id, name) VALUES (1, 'mallory')", why: 'INSERT OR REPLACE', db: 'refuses' },
  { sql: "REPLACE INTO accounts (id, name) VALUES (1, 'mallory')", why: 'REPLACE', db: 'refuses' },
  { sql: 'UPDATE accounts SET balance = 0', why: 'UPDATE without WHERE', db: 'refuses' },
  { sql: 'DELETE FROM orders RETURNING *', why: 'DELETE … RETURNING', db: 'refuses' },
  { sql: 'WITH x AS (SELECT 1 AS id) DELETE FROM orders WHERE id IN (SELECT id FROM x)', why: 'a DELETE after a CTE', db: 'refuses' },
  { sql: "INSERT INTO accounts (id, name) VALUES (1, 'x') ON CONFLICT (id) DO UPDATE SET name = 'mallory'", why: 'an upsert', db: 'refuses' },
  { sql: 'CREATE TABLE stolen AS SELECT * FROM accounts', why: 'CREATE TABLE AS', db: 'refuses' },
  { sql: 'CREATE TEMP TABLE scratch (x)', why: 'a temporary table', db: 'refuses' },
  { sql: 'CREATE VIEW pwned AS SELECT 1', why: 'CREATE VIEW', db: 'refuses' },
  { sql: 'CREATE INDEX pwned ON accounts (name)', why: 'CREATE INDEX', db: 'refuses' },
  { sql: 'CREATE TRIGGER pwned AFTER INSERT ON accounts BEGIN DELETE FROM orders; END', why: 'CREATE TRIGGER', db: 'refuses' },
  { sql: 'DROP TABLE orders', why: 'DROP TABLE', db: 'refuses' },
  { sql: 'DROP VIEW big_accounts', why: 'DROP VIEW', db: 'refuses' },
  { sql: 'ALTER TABLE accounts RENAME TO gone', why: 'ALTER TABLE … RENAME', db: 'refuses' },
  { sql: 'ALTER TABLE accounts ADD COLUMN pwned', why: 'ALTER TABLE … ADD COLUMN', db: 'refuses' },
  { sql: `ATTACH DATABASE '${attached}' AS side`, why: 'ATTACH DATABASE (creates a file)', db: 'refuses' },
  { sql: 'DETACH DATABASE main', why: 'DETACH DATABASE', db: 'refuses' },
  { sql: `VACUUM INTO '${vacuumed}'`, why: 'VACUUM INTO (writes a file)', db: 'privileges' },
  { sql: 'VACUUM', why: 'VACUUM', db: 'refuses' },
  { sql: 'REINDEX', why: 'REINDEX', db: 'refuses' },
  { sql: 'ANALYZE', why: 'ANALYZE (writes sqlite_stat1)', db: 'refuses' },
  { sql: 'PRAGMA query_only = 0', why: 'PRAGMA query_only = 0', db: 'refuses' },
  { sql: 'PRAGMA user_version = 42', why: 'PRAGMA user_version = …', db: 'refuses' },
  { sql: 'PRAGMA user_version(42)', why: 'PRAGMA user_version(…)', db: 'refuses' },
  { sql: 'PRAGMA journal_mode = WAL', why: 'PRAGMA journal_mode = WAL', db: 'refuses' },
  { sql: 'PRAGMA writable_schema = 1', why: 'PRAGMA writable_schema', db: 'refuses' },
  { sql: 'PRAGMA foreign_keys = 0', why: 'PRAGMA foreign_keys = 0', db: 'refuses' },
  { sql: "SELECT load_extension('/tmp/evil')", why: 'load_extension()', db: 'refuses' },
  { sql: 'BEGIN IMMEDIATE', why: 'its own (write) transaction', db: 'refuses' },
  { sql: 'COMMIT', why: 'COMMIT', db: 'refuses' },
  { sql: 'SAVEPOINT a', why: 'SAVEPOINT', db: 'refuses' },
  { sql: 'SELECT * FROM accounts; PRAGMA query_only = 0', why: 'a pragma after a query (SQLite compiles only the first statement)', db: 'no effect' },
];

describe('write attempts in read tier: SQLite', () => {
  beforeAll(() => {
    const db = new DatabaseSync(file);
    for (const sql of seedStatements('sqlite')) db.exec(sql);
    db.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  corpusSuite({
    attempts,
    url: () => `sqlite:${file}`,
    markers: () => [attached, vacuumed],
    readOnlyProbe: 'PRAGMA query_only',
    expectProbe: [[1]],
    async snapshot() {
      const db = new DatabaseSync(file, { readOnly: true });
      try {
        const schema = db.prepare('SELECT type, name, sql FROM sqlite_schema ORDER BY name').all();
        const data = ['accounts', 'orders', 'numbers'].map((t) => db.prepare(`SELECT * FROM ${t} ORDER BY 1`).all());
        const pragmas = ['user_version', 'journal_mode', 'application_id'].map((p) => db.prepare(`PRAGMA ${p}`).get());
        const files = readdirSync(dir).sort().map((name) => `${name}:${statSync(join(dir, name)).size}`);
        return JSON.stringify([schema, data, pragmas, files]);
      } finally {
        db.close();
      }
    },
  });
});
