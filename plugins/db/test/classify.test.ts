import { describe, expect, it } from 'vitest';
import { classify } from '../src/sql/classify.js';
import { bindNamed, namedParameters } from '../src/sql/bind.js';
import { tokenize } from '../src/sql/lexer.js';

describe('classify: reads', () => {
  it.each([
    ['postgres', 'SELECT * FROM t WHERE a = $1'],
    ['postgres', 'WITH x AS (SELECT 1) SELECT * FROM x'],
    ['postgres', 'VALUES (1), (2)'],
    ['postgres', '(SELECT 1) UNION (SELECT 2)'],
    ['postgres', "SELECT 'DELETE FROM t; DROP TABLE t'"],
    ['postgres', 'SELECT $$ DROP TABLE t; $$'],
    ['postgres', 'SELECT 1 -- ; DROP TABLE t'],
    ['postgres', 'SELECT /* /* nested ; */ DROP */ 1'],
    ['postgres', 'EXPLAIN DELETE FROM t'],
    ['postgres', 'SELECT 1;'],
    ['postgres', 'SELECT replace(name, \'a\', \'b\') FROM t'],
    ['mysql', 'SHOW TABLES'],
    ['mysql', 'SELECT "a;b" FROM t'],
    ['mysql', "SELECT 'it\\'s; DROP TABLE t'"],
    ['mysql', 'SELECT 1 # ; DROP TABLE t'],
    ['mysql', "SELECT 'a\\'; DELETE FROM t; -- '"],
    ['mysql', 'DESCRIBE t'],
    ['mysql', 'SELECT truncate(1.5, 0)'],
    ['sqlite', 'PRAGMA table_info(t)'],
    ['sqlite', 'SELECT [a;b] FROM t'],
    ['sqlite', 'EXPLAIN QUERY PLAN SELECT * FROM t'],
  ] as const)('%s: %s reads', (dialect, sql) => {
    const c = classify(sql, dialect);
    expect(c.needs, c.reason).toBe('read');
    expect(c.returnsRows).toBe(true);
  });
});

describe('classify: writes and worse', () => {
  it.each([
    ['postgres', 'INSERT INTO t VALUES (1)', 'write', 'INSERT'],
    ['postgres', 'UPDATE t SET a = 1 WHERE id = 2', 'write', 'UPDATE'],
    ['postgres', 'UPDATE t SET a = 1', 'destructive', 'UPDATE'],
    ['postgres', 'DELETE FROM t WHERE id IN (SELECT id FROM u WHERE x)', 'write', 'DELETE'],
    ['postgres', 'DELETE FROM t USING (SELECT 1 WHERE true) s', 'destructive', 'DELETE'],
    ['postgres', 'WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d', 'write', 'DELETE'],
    ['postgres', 'WITH x AS (SELECT 1) DELETE FROM t', 'destructive', 'WITH … DELETE'],
    ['postgres', 'SELECT * INTO copy FROM t', 'destructive', 'SELECT … INTO'],
    ['postgres', 'SELECT * FROM t FOR UPDATE', 'write', 'SELECT … FOR UPDATE'],
    ['postgres', 'SELECT * FROM t FOR NO KEY UPDATE', 'write', 'SELECT … FOR UPDATE'],
    ['postgres', "SELECT pg_read_file('/etc/passwd')", 'destructive', 'pg_read_file()'],
    ['postgres', "SELECT pg_catalog.pg_read_file('/etc/passwd')", 'destructive', 'pg_read_file()'],
    ['postgres', 'SELECT "pg_read_file"(\'/etc/passwd\')', 'destructive', 'pg_read_file()'],
    ['postgres', "SELECT lo_import('/etc/passwd')", 'destructive', 'lo_import()'],
    ['postgres', "SELECT dblink_exec('x', 'y')", 'destructive', 'dblink_exec()'],
    ['postgres', "SELECT nextval('s')", 'write', 'nextval()'],
    ['postgres', "COPY t TO PROGRAM 'id'", 'destructive', 'COPY'],
    ['postgres', 'CREATE TABLE x (a int)', 'destructive', 'CREATE TABLE'],
    ['postgres', 'CREATE OR REPLACE FUNCTION f() RETURNS int AS $$ SELECT 1 $$ LANGUAGE sql', 'destructive', 'CREATE FUNCTION'],
    ['postgres', 'DO $$ BEGIN NULL; END $$', 'destructive', 'DO'],
    ['postgres', 'CALL p()', 'write', 'CALL'],
    ['postgres', 'LOCK TABLE t', 'write', 'LOCK'],
    ['postgres', 'EXPLAIN ANALYZE DELETE FROM t WHERE a = 1', 'write', 'EXPLAIN ANALYZE DELETE'],
    ['postgres', 'EXPLAIN (ANALYZE, FORMAT JSON) SELECT 1', 'read', 'EXPLAIN ANALYZE SELECT'],
    ['postgres', 'MERGE INTO t USING u ON t.id = u.id WHEN MATCHED THEN DELETE', 'write', 'MERGE'],
    ['postgres', 'FROBNICATE t', 'destructive', 'FROBNICATE'],
    ['mysql', 'SELECT * FROM t INTO OUTFILE \'/tmp/x\'', 'destructive', 'SELECT … INTO OUTFILE'],
    ['mysql', 'SELECT 1 INTO @x', 'write', 'SELECT … INTO'],
    ['mysql', "SELECT load_file('/etc/passwd')", 'destructive', 'load_file()'],
    ['mysql', "LOAD DATA INFILE '/x' INTO TABLE t", 'destructive', 'LOAD DATA'],
    ['mysql', 'REPLACE INTO t VALUES (1)', 'write', 'REPLACE'],
    ['mysql', 'DELETE FROM t /*! WHERE 1 = 1 */', 'write', 'DELETE'],
    ['mysql', 'SELECT 1 /*!50000 , (DELETE) */', 'write', 'DELETE'],
    ['mysql', "DO GET_LOCK('x', 1)", 'write', 'DO'],
    ['mysql', 'SELECT * FROM t LOCK IN SHARE MODE', 'write', 'SELECT … FOR SHARE'],
    ['sqlite', "ATTACH DATABASE '/tmp/x.db' AS x", 'destructive', 'ATTACH DATABASE'],
    ['sqlite', "VACUUM INTO '/tmp/x.db'", 'destructive', 'VACUUM INTO'],
    ['sqlite', 'PRAGMA query_only = 0', 'destructive', 'PRAGMA query_only'],
    ['sqlite', 'PRAGMA user_version(3)', 'destructive', 'PRAGMA user_version'],
    ['sqlite', 'PRAGMA optimize', 'destructive', 'PRAGMA optimize'],
    ['sqlite', "SELECT load_extension('x')", 'destructive', 'load_extension()'],
    ['sqlite', 'INSERT OR REPLACE INTO t VALUES (1)', 'write', 'INSERT'],
  ] as const)('%s: %s needs %s', (dialect, sql, needs, kind) => {
    const c = classify(sql, dialect);
    expect(c.needs, c.reason).toBe(needs);
    expect(c.kind).toBe(kind);
  });

  it.each([
    ['postgres', 'SELECT 1; DROP TABLE t'],
    ['postgres', "SELECT ';'; DELETE FROM t"],
    ['postgres', 'SELECT $a$;$a$; TRUNCATE t'],
    ['postgres', "SELECT E'\\''; DELETE FROM t"],
    ['postgres', 'BEGIN'],
    ['postgres', 'COMMIT'],
    ['postgres', 'SET ROLE admin'],
    ['postgres', 'SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE'],
    ['postgres', 'RESET ALL'],
    ['postgres', 'PREPARE p AS DELETE FROM t'],
    ['postgres', 'DISCARD ALL'],
    ['postgres', "SELECT 'unterminated"],
    ['postgres', ''],
    ['postgres', ' ; ; '],
    ['mysql', 'SELECT 1 /*! ; DROP TABLE t */'],
    ['postgres', "SELECT 'a\\'; DELETE FROM t; -- '"],
    ['mysql', 'SET SESSION TRANSACTION READ WRITE'],
    ['mysql', 'START TRANSACTION'],
    ['mysql', 'XA START \'x\''],
    ['mysql', 'USE mysql'],
    ['sqlite', 'SAVEPOINT a'],
    ['sqlite', 'SELECT 1; DELETE FROM t'],
  ] as const)('%s: %s is never accepted', (dialect, sql) => {
    expect(classify(sql, dialect).needs).toBe('never');
  });

  it('says which statement came second', () => {
    const c = classify('SELECT 1; DROP TABLE t', 'postgres');
    expect(c.kind).toBe('multiple statements');
    expect(c.position).toBe(10);
  });

  it('marks MySQL DDL as committing implicitly', () => {
    expect(classify('ALTER TABLE t ADD c INT', 'mysql').implicitCommit).toBe(true);
    expect(classify('ALTER TABLE t ADD c INT', 'postgres').implicitCommit).toBe(false);
    expect(classify('UPDATE t SET a = 1 WHERE b', 'mysql').implicitCommit).toBe(false);
  });
});

describe('lexer', () => {
  it('keeps casts apart from named parameters', () => {
    const tokens = tokenize("SELECT a::text, :name, ':skip' FROM t", 'postgres');
    expect(tokens.filter((t) => t.type === 'param').map((t) => t.value)).toEqual([':name']);
  });

  it('treats MySQL `--` without a space as two minus signs', () => {
    const tokens = tokenize('SELECT 1--1', 'mysql');
    expect(tokens.map((t) => t.value)).toEqual(['SELECT', '1', '-', '-', '1']);
    expect(tokenize('SELECT 1 -- x', 'mysql').map((t) => t.value)).toEqual(['SELECT', '1']);
  });
});

describe('named parameters', () => {
  it('bind to $n on PostgreSQL, reusing numbers', () => {
    expect(bindNamed('SELECT :a, :b, :a, \':a\' -- :a', 'postgres', { a: 1, b: 2 })).toEqual({ sql: "SELECT $1, $2, $1, ':a' -- :a", params: [1, 2] });
  });

  it('bind to ? in order on MySQL and SQLite', () => {
    expect(bindNamed('SELECT :a, :b, :a', 'mysql', { a: 1, b: 2 })).toEqual({ sql: 'SELECT ?, ?, ?', params: [1, 2, 1] });
    expect(bindNamed('SELECT :a', 'sqlite', { a: 'x' })).toEqual({ sql: 'SELECT ?', params: ['x'] });
  });

  it('name the missing ones', () => {
    expect(() => bindNamed('SELECT :a, :b', 'postgres', { a: 1 })).toThrow(/:b/);
    expect(namedParameters('SELECT :a, :b, :a', 'postgres')).toEqual(['a', 'b']);
  });
});
