import { randomBytes } from 'node:crypto';
import { describe } from 'vitest';
import { corpusSuite, type Attempt } from './support/corpus.js';
import { mysqlAvailable, seededDatabase } from './support/databases.js';

const available = await mysqlAvailable();
const outfile = `/tmp/mcpctl-corpus-outfile-${randomBytes(4).toString('hex')}`;

const attempts: Attempt[] = [
  { sql: 'SELECT 1; DROP TABLE accounts', why: 'a second statement after a harmless one', db: 'refuses' },
  { sql: "SELECT ';'; DELETE FROM accounts", why: 'a semicolon hidden in a string', db: 'refuses' },
  { sql: 'SELECT 1 /*! ; DELETE FROM accounts */', why: 'a statement hidden in an executable comment', db: 'refuses' },
  { sql: 'SELECT 1 /*!50000 ; DROP TABLE orders */', why: 'a versioned executable comment', db: 'refuses' },
  { sql: 'DELETE FROM orders /*! WHERE 1 = 1 */', why: 'a WHERE that only exists in an executable comment', db: 'refuses' },
  { sql: '# hello\nDELETE FROM accounts WHERE id = 1', why: 'DELETE behind a # comment', db: 'refuses' },
  { sql: '-- hello\nUPDATE accounts SET balance = 0 WHERE id = 1', why: 'UPDATE behind a -- comment', db: 'refuses' },
  { sql: "INSERT INTO accounts (id, name) VALUES (99, 'mallory')", why: 'INSERT', db: 'refuses' },
  { sql: "REPLACE INTO accounts (id, name) VALUES (1, 'mallory')", why: 'REPLACE', db: 'refuses' },
  { sql: 'UPDATE accounts SET balance = 0', why: 'UPDATE without WHERE', db: 'refuses' },
  { sql: 'DELETE FROM orders', why: 'DELETE without WHERE', db: 'refuses' },
  { sql: 'WITH x AS (SELECT 1 AS id) DELETE orders FROM orders JOIN x ON orders.id = x.id', why: 'a DELETE after a CTE', db: 'refuses' },
  { sql: 'CREATE TABLE stolen AS SELECT * FROM accounts', why: 'CREATE TABLE AS (commits implicitly)', db: 'refuses' },
  { sql: 'CREATE TEMPORARY TABLE scratch (x INT)', why: 'a temporary table', db: 'refuses' },
  { sql: 'DROP TABLE orders', why: 'DROP TABLE (commits implicitly)', db: 'refuses' },
  { sql: 'TRUNCATE orders', why: 'TRUNCATE (commits implicitly)', db: 'refuses' },
  { sql: 'ALTER TABLE accounts ADD COLUMN pwned INT', why: 'ALTER TABLE (commits implicitly)', db: 'refuses' },
  { sql: 'RENAME TABLE orders TO orders_gone', why: 'RENAME TABLE', db: 'refuses' },
  { sql: 'CREATE INDEX pwned ON accounts (name)', why: 'CREATE INDEX', db: 'refuses' },
  { sql: 'CREATE VIEW pwned AS SELECT 1', why: 'CREATE VIEW', db: 'refuses' },
  { sql: "CREATE USER 'pwned'@'%'", why: 'CREATE USER', db: 'refuses' },
  { sql: 'SELECT 1 INTO @x', why: 'SELECT … INTO a variable', db: 'no effect' },
  { sql: `SELECT * FROM accounts INTO OUTFILE '${outfile}'`, why: 'SELECT … INTO OUTFILE', db: 'privileges' },
  { sql: "SELECT LOAD_FILE('/etc/hostname')", why: 'LOAD_FILE()', db: 'privileges' },
  { sql: "SELECT `load_file`('/etc/hostname')", why: 'LOAD_FILE() as a quoted identifier', db: 'privileges' },
  { sql: "LOAD DATA INFILE '/etc/hostname' INTO TABLE accounts", why: 'LOAD DATA INFILE', db: 'refuses' },
  { sql: "LOAD DATA LOCAL INFILE '/etc/hostname' INTO TABLE accounts", why: 'LOAD DATA LOCAL INFILE', db: 'refuses' },
  { sql: 'SET SESSION TRANSACTION READ WRITE', why: 'SET SESSION TRANSACTION READ WRITE', db: 'no effect' },
  { sql: 'SET @@session.tx_read_only = 0', why: 'SET tx_read_only = 0', db: 'no effect' },
  { sql: 'SET SESSION max_statement_time = 0', why: 'SET SESSION max_statement_time', db: 'no effect' },
  { sql: 'LOCK TABLES accounts WRITE', why: 'LOCK TABLES', db: 'refuses' },
  { sql: "DO GET_LOCK('pwned', 0)", why: 'a session lock with DO GET_LOCK()', db: 'privileges' },
  { sql: 'CALL bump()', why: 'CALL of a procedure that writes', db: 'refuses' },
  { sql: 'CALL make_table()', why: 'CALL of a procedure that runs DDL', db: 'refuses' },
  { sql: 'SELECT bump_fn()', why: 'a function that writes', db: 'refuses' },
  { sql: 'HANDLER accounts OPEN', why: 'HANDLER', db: 'privileges' },
  { sql: 'START TRANSACTION', why: 'its own transaction (the session stays read-only)', db: 'no effect' },
  { sql: 'COMMIT', why: 'COMMIT to end the read-only transaction', db: 'no effect' },
  { sql: 'SELECT * FROM accounts FOR UPDATE', why: 'row locks', db: 'no effect' },
  { sql: "PREPARE p FROM 'DELETE FROM accounts'", why: 'PREPARE of a DELETE', db: 'no effect' },
  { sql: 'FLUSH TABLES', why: 'FLUSH TABLES', db: 'privileges' },
  { sql: 'GRANT ALL ON *.* TO CURRENT_USER', why: 'GRANT', db: 'refuses' },
];

describe.skipIf(!available)('write attempts in read tier: MariaDB/MySQL', () => {
  const db = seededDatabase('mysql');

  corpusSuite({
    attempts,
    url: () => db().url,
    markers: () => [outfile],
    readOnlyProbe: 'SELECT @@tx_read_only, @@max_statement_time > 0',
    expectProbe: [[1, 1]],
    async snapshot() {
      const tables = await db().exec(`SELECT GROUP_CONCAT(CONCAT(TABLE_NAME, ' ', TABLE_TYPE) ORDER BY TABLE_NAME) AS t FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()`);
      const columns = await db().exec(`SELECT GROUP_CONCAT(CONCAT(TABLE_NAME, '.', COLUMN_NAME) ORDER BY TABLE_NAME, ORDINAL_POSITION) AS c FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE()`);
      const indexes = await db().exec(`SELECT GROUP_CONCAT(CONCAT(TABLE_NAME, '.', INDEX_NAME) ORDER BY TABLE_NAME, INDEX_NAME) AS i FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE()`);
      const routines = await db().exec(`SELECT GROUP_CONCAT(ROUTINE_NAME ORDER BY ROUTINE_NAME) AS r FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = DATABASE()`);
      const users = await db().exec(`SELECT COUNT(*) AS u FROM mysql.user`);
      const sums = await db().exec('CHECKSUM TABLE accounts, orders, numbers EXTENDED');
      return JSON.stringify([tables, columns, indexes, routines, users, sums]);
    },
  });
});
