import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe } from 'vitest';
import { corpusSuite, type Attempt } from './support/corpus.js';
import { postgresAvailable, seededDatabase } from './support/databases.js';

const available = await postgresAvailable();
const tag = randomBytes(4).toString('hex');
const programMarker = join(tmpdir(), `mcpctl-corpus-program-${tag}`);
const fileMarker = join(tmpdir(), `mcpctl-corpus-copy-${tag}`);

const attempts: Attempt[] = [
  { sql: 'SELECT 1; DROP TABLE accounts', why: 'a second statement after a harmless one', db: 'refuses' },
  { sql: "SELECT ';'; DELETE FROM accounts", why: 'a semicolon hidden in a string', db: 'refuses' },
  { sql: 'SELECT 1 /* ; */; DELETE FROM accounts', why: 'a semicolon hidden in a comment', db: 'refuses' },
  { sql: 'SELECT $$;$$; TRUNCATE accounts', why: 'a semicolon hidden in a dollar-quoted string', db: 'refuses' },
  { sql: "SELECT 'a\\'; DELETE FROM accounts; -- '", why: 'a backslash that is not an escape in standard strings', db: 'refuses' },
  { sql: '/* hello */ DELETE FROM accounts WHERE true', why: 'DELETE behind a leading comment', db: 'refuses' },
  { sql: '-- hello\nUPDATE accounts SET balance = 0 WHERE id = 1', why: 'UPDATE behind a line comment', db: 'refuses' },
  { sql: 'INSERT INTO accounts (id, name) VALUES (99, \'mallory\')', why: 'INSERT', db: 'refuses' },
  { sql: 'DELETE FROM accounts', why: 'DELETE without WHERE', db: 'refuses' },
  { sql: 'WITH d AS (DELETE FROM orders RETURNING *) SELECT count(*) FROM d', why: 'a writable CTE (DELETE)', db: 'refuses' },
  { sql: "WITH i AS (INSERT INTO accounts VALUES (98, 'eve') RETURNING id) SELECT * FROM i", why: 'a writable CTE (INSERT)', db: 'refuses' },
  { sql: 'SELECT * INTO stolen FROM accounts', why: 'SELECT … INTO (creates a table)', db: 'refuses' },
  { sql: 'CREATE TABLE stolen AS SELECT * FROM accounts', why: 'CREATE TABLE AS', db: 'refuses' },
  { sql: 'CREATE TEMP TABLE scratch AS SELECT 1', why: 'a temporary table', db: 'refuses' },
  { sql: 'DROP TABLE orders', why: 'DROP TABLE', db: 'refuses' },
  { sql: 'TRUNCATE orders', why: 'TRUNCATE', db: 'refuses' },
  { sql: 'ALTER TABLE accounts ADD COLUMN pwned int', why: 'ALTER TABLE', db: 'refuses' },
  { sql: 'CREATE INDEX ON accounts (name)', why: 'CREATE INDEX', db: 'refuses' },
  { sql: 'GRANT ALL ON accounts TO PUBLIC', why: 'GRANT', db: 'refuses' },
  { sql: 'COMMENT ON TABLE accounts IS \'pwned\'', why: 'COMMENT ON', db: 'refuses' },
  { sql: 'REFRESH MATERIALIZED VIEW account_totals', why: 'REFRESH MATERIALIZED VIEW', db: 'refuses' },
  { sql: 'VACUUM accounts', why: 'VACUUM', db: 'refuses' },
  { sql: 'COPY accounts FROM PROGRAM \'echo 97,x,1,y\' WITH (FORMAT csv)', why: 'COPY … FROM PROGRAM', db: 'refuses' },
  { sql: `COPY (SELECT 1) TO PROGRAM 'touch ${programMarker}'`, why: 'COPY … TO PROGRAM', db: 'privileges' },
  { sql: `COPY accounts TO '${fileMarker}'`, why: 'COPY … TO a server file', db: 'privileges' },
  { sql: "SELECT pg_read_file('/etc/hostname')", why: 'pg_read_file()', db: 'privileges' },
  { sql: 'SELECT "pg_read_file"(\'/etc/hostname\')', why: 'pg_read_file() as a quoted identifier', db: 'privileges' },
  { sql: "SELECT lo_import('/etc/hostname')", why: 'lo_import() (rolled back with the read-only transaction)', db: 'no effect' },
  { sql: "SELECT dblink_exec('dbname=postgres', 'DROP TABLE accounts')", why: 'dblink_exec()', db: 'refuses' },
  { sql: "SELECT nextval('accounts_seq')", why: 'nextval()', db: 'refuses' },
  { sql: "SELECT setval('accounts_seq', 1000)", why: 'setval()', db: 'refuses' },
  { sql: "SELECT set_config('default_transaction_read_only', 'off', false)", why: 'set_config() to turn read-only off', db: 'no effect' },
  { sql: 'SELECT pg_advisory_lock(42)', why: 'a session advisory lock', db: 'privileges' },
  { sql: 'SET ROLE postgres', why: 'SET ROLE', db: 'no effect' },
  { sql: 'SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE', why: 'SET SESSION CHARACTERISTICS … READ WRITE', db: 'no effect' },
  { sql: 'SET default_transaction_read_only = off', why: 'SET default_transaction_read_only', db: 'no effect' },
  { sql: 'SET SESSION AUTHORIZATION DEFAULT', why: 'SET SESSION AUTHORIZATION', db: 'no effect' },
  { sql: 'LOCK TABLE accounts IN ACCESS EXCLUSIVE MODE', why: 'LOCK TABLE (released when the read-only transaction rolls back)', db: 'no effect' },
  { sql: 'DO $$ BEGIN DELETE FROM accounts; END $$', why: 'a DO block', db: 'refuses' },
  { sql: 'CALL bump()', why: 'CALL of a procedure that writes', db: 'refuses' },
  { sql: 'SELECT bump_fn()', why: 'a function that writes', db: 'refuses' },
  { sql: 'SELECT wipe_fn()', why: 'a function that runs DDL', db: 'refuses' },
  { sql: "SELECT query_to_xml('DELETE FROM accounts RETURNING id', true, false, '')", why: 'SQL hidden in a string run by query_to_xml()', db: 'refuses' },
  { sql: 'SELECT * FROM accounts FOR UPDATE', why: 'row locks', db: 'refuses' },
  { sql: 'EXPLAIN ANALYZE DELETE FROM accounts', why: 'EXPLAIN ANALYZE of a DELETE', db: 'refuses' },
  { sql: 'MERGE INTO accounts a USING orders o ON a.id = o.account_id WHEN MATCHED THEN DELETE', why: 'MERGE', db: 'refuses' },
  { sql: 'BEGIN; DELETE FROM accounts; COMMIT', why: 'its own transaction', db: 'refuses' },
  { sql: 'COMMIT', why: 'COMMIT to end the read-only transaction', db: 'no effect' },
  { sql: 'PREPARE p AS DELETE FROM accounts', why: 'PREPARE of a DELETE', db: 'no effect' },
  { sql: 'NOTIFY pwned', why: 'NOTIFY', db: 'no effect' },
];

describe.skipIf(!available)('write attempts in read tier: PostgreSQL', () => {
  const db = seededDatabase('postgres');

  corpusSuite({
    attempts,
    url: () => db().url,
    markers: () => [programMarker, fileMarker],
    readOnlyProbe: "SELECT current_setting('transaction_read_only'), current_user::text",
    expectProbe: [['on', 'postgres']],
    async snapshot() {
      const rows = await db().exec(`
        SELECT string_agg(line, E'\\n' ORDER BY line) AS s FROM (
          SELECT 'rel ' || n.nspname || '.' || c.relname || ' ' || c.relkind::text || ' ' || coalesce(c.relacl::text, '') || ' ' || coalesce(obj_description(c.oid, 'pg_class'), '') AS line
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg!_toast%' ESCAPE '!'
          UNION ALL SELECT 'col ' || attrelid::regclass::text || '.' || attname FROM pg_attribute WHERE attrelid = 'accounts'::regclass AND attnum > 0
          UNION ALL SELECT 'proc ' || p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public'
          UNION ALL SELECT 'role ' || rolname FROM pg_roles
          UNION ALL SELECT 'lo ' || count(*) FROM pg_largeobject_metadata
          UNION ALL SELECT 'seq ' || last_value || ' ' || is_called FROM accounts_seq
          UNION ALL SELECT 'accounts ' || md5(string_agg(a::text, ',' ORDER BY a.id)) FROM accounts a
          UNION ALL SELECT 'orders ' || md5(string_agg(o::text, ',' ORDER BY o.id)) FROM orders o
          UNION ALL SELECT 'numbers ' || count(*) || ' ' || sum(n) FROM numbers
          UNION ALL SELECT 'totals ' || md5(string_agg(t::text, ',' ORDER BY t.account_id)) FROM account_totals t
          UNION ALL SELECT 'dbsettings ' || count(*) FROM pg_db_role_setting
        ) lines`);
      return String((rows[0] as { s: string }).s);
    },
  });
});
