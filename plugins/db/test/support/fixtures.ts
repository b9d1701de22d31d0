import type { Dialect } from '../../src/sql/lexer.js';

/**
 * The same small shop in every engine: accounts ← orders (foreign key), an
 * index, a view, a sequence (PostgreSQL), and routines that write, so that
 * tests can call them from read tier and see the database refuse.
 */
export function seedStatements(dialect: Dialect): string[] {
  const common = [
    `CREATE TABLE accounts (id INTEGER PRIMARY KEY, name VARCHAR(100) NOT NULL, balance NUMERIC(12,2) DEFAULT 0, note TEXT)`,
    `CREATE TABLE orders (id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE, total NUMERIC(12,2) NOT NULL, created_at DATE)`,
    `CREATE INDEX orders_account_idx ON orders (account_id)`,
    `CREATE VIEW big_accounts AS SELECT id, name FROM accounts WHERE balance > 100`,
    `INSERT INTO accounts (id, name, balance, note) VALUES (1, 'alice', 150.50, 'first'), (2, 'bob', 20, NULL), (3, 'carol', 300, 'tab\there')`,
    `INSERT INTO orders (id, account_id, total, created_at) VALUES (1, 1, 10.00, '2026-01-02'), (2, 1, 25.50, '2026-01-03'), (3, 3, 99.99, '2026-02-01')`,
    `CREATE TABLE numbers (n INTEGER PRIMARY KEY)`,
  ];
  switch (dialect) {
    case 'postgres':
      return [
        ...common,
        `INSERT INTO numbers SELECT g FROM generate_series(1, 1234) g`,
        `CREATE SEQUENCE accounts_seq`,
        `CREATE MATERIALIZED VIEW account_totals AS SELECT account_id, sum(total) AS total FROM orders GROUP BY account_id`,
        `CREATE PROCEDURE bump() LANGUAGE sql AS $$ UPDATE accounts SET balance = balance + 1 $$`,
        `CREATE FUNCTION bump_fn() RETURNS integer LANGUAGE plpgsql AS $$ BEGIN UPDATE accounts SET balance = balance + 1; RETURN 1; END $$`,
        `CREATE FUNCTION wipe_fn() RETURNS integer LANGUAGE plpgsql AS $$ BEGIN EXECUTE 'DROP TABLE orders'; RETURN 1; END $$`,
        `COMMENT ON TABLE accounts IS 'customer accounts'`,
        `ANALYZE`,
      ];
    case 'mysql':
      return [
        ...common,
        `INSERT INTO numbers SELECT a.n * 100 + b.n + 1 FROM (${digits(100)}) a CROSS JOIN (${digits(100)}) b WHERE a.n * 100 + b.n < 1234`,
        `CREATE PROCEDURE bump() UPDATE accounts SET balance = balance + 1`,
        `CREATE PROCEDURE make_table() CREATE TABLE made_by_proc (x INT)`,
        `CREATE FUNCTION bump_fn() RETURNS INT MODIFIES SQL DATA BEGIN UPDATE accounts SET balance = balance + 1; RETURN 1; END`,
        `ANALYZE TABLE accounts, orders, numbers`,
      ];
    case 'sqlite':
      return [
        ...common,
        `INSERT INTO numbers WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < 1234) SELECT n FROM g`,
        `CREATE TRIGGER accounts_touch AFTER UPDATE ON accounts BEGIN SELECT 1; END`,
      ];
  }
}

/** A derived table of 0 … count-1, without recursive CTEs (MariaDB caps their iterations). */
function digits(count: number): string {
  return Array.from({ length: count }, (_, i) => `SELECT ${i} AS n`).join(' UNION ALL ');
}
