import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { tierAllows, ToolError, ToolErrorCode } from '@mcpctl/toolkit/base';
import { DB_CONNECT } from '../errors.js';
import { DbErrorCode, sqlError, statementTimeout } from '../tool-errors.js';
import type { SqliteUrl } from '../url.js';
import { rowToJson } from '../values.js';
import type {
  ColumnInfo, Engine, EngineOptions, ExecuteOptions, ExecuteResult, ExplainOptions, ExplainResult, ObjectMatch, Row, RowCursor,
  SchemaInfo, SearchRequest, StatementOptions, TableDescription, TableInfo, TableType,
} from './engine.js';
import { authorize, type AuthorizerMode } from './sqlite-authorizer.js';

/**
 * SQLite through Node's built-in `node:sqlite`, on the calling thread (the
 * db server runs it in a worker: see sqlite.ts). Read tier uses its own
 * connection, opened read-only, with `PRAGMA query_only` and an authorizer
 * that denies every write while SQLite compiles the statement. An in-memory
 * database has one connection; its read calls run under the same authorizer
 * and `query_only`.
 *
 * node:sqlite is synchronous and cannot interrupt a running step: the
 * statement timeout is checked here between rows, and enforced as a hard
 * limit by the worker's owner, which terminates the worker.
 */

type SqlValue = null | number | bigint | string | Uint8Array;

export class SqliteDirectEngine implements Engine {
  readonly dialect = 'sqlite' as const;
  readonly target: string;
  readonly #url: SqliteUrl;
  readonly #options: EngineOptions;
  #reader: DatabaseSync | undefined;
  #writer: DatabaseSync | undefined;
  /** Mode of the writer's authorizer (the reader's is always read). */
  #writerMode: AuthorizerMode = 'internal';
  readonly #open = new Set<SqliteCursor>();

  constructor(url: SqliteUrl, options: EngineOptions) {
    this.#url = url;
    this.#options = options;
    this.target = url.display;
  }

  get #memory(): boolean {
    return this.#url.path === ':memory:';
  }

  defaultSchema(): string {
    return 'main';
  }

  async connect(): Promise<void> {
    if (this.#reader) return;
    const writable = tierAllows(this.#options.access, 'write');
    try {
      if (this.#memory) {
        // One connection: the authorizer and query_only switch per call.
        const db = new DatabaseSync(':memory:', { enableForeignKeyConstraints: true });
        db.setAuthorizer((action, arg1, arg2) => authorize(this.#writerMode, action, arg1, arg2));
        this.#writer = db;
        this.#reader = db;
        return;
      }
      const reader = new DatabaseSync(this.#url.path, { readOnly: true, timeout: 5000 });
      reader.exec('PRAGMA query_only = 1');
      reader.setAuthorizer((action, arg1, arg2) => authorize('read', action, arg1, arg2));
      this.#reader = reader;
      if (writable) {
        const writer = new DatabaseSync(this.#url.path, { timeout: 5000, enableForeignKeyConstraints: true });
        writer.setAuthorizer((action, arg1, arg2) => authorize(this.#writerMode, action, arg1, arg2));
        this.#writer = writer;
      }
    } catch (error) {
      this.#reader?.close();
      this.#reader = undefined;
      const reason = error instanceof Error ? error.message : String(error);
      throw DB_CONNECT('SQLite database', this.#url.display, `${reason}${/unable to open/i.test(reason) ? ' (does the file exist and is it readable?)' : ''}`, { cause: error });
    }
  }

  /** Run `fn` on the read connection in read mode. */
  #read<T>(fn: (db: DatabaseSync) => T): T {
    const db = this.#reader;
    if (!db) throw new ToolError(DbErrorCode.CONNECTION, 'The SQLite database is not open');
    if (db !== this.#writer) return fn(db);
    // In-memory: the shared connection is put in read mode for the call.
    const previous = this.#writerMode;
    this.#writerMode = 'internal';
    db.exec('PRAGMA query_only = 1');
    this.#writerMode = 'read';
    try {
      return fn(db);
    } finally {
      this.#writerMode = 'internal';
      db.exec('PRAGMA query_only = 0');
      this.#writerMode = previous;
    }
  }

  async listSchemas(schemas: string[] | undefined): Promise<SchemaInfo[]> {
    return this.#read((db) => {
      const names = this.#schemaNames(db).filter((name) => !schemas || schemas.includes(name));
      return names.map((name) => {
        const row = db.prepare(`SELECT count(*) AS n FROM ${quote(name)}.sqlite_schema WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite!_%' ESCAPE '!'`).get() as { n: number };
        return { name, tables: Number(row.n) };
      });
    });
  }

  #schemaNames(db: DatabaseSync): string[] {
    return (db.prepare('SELECT name FROM pragma_database_list ORDER BY seq').all() as { name: string }[]).map((r) => r.name).filter((name) => name !== 'temp');
  }

  async listTables(schemas: string[] | undefined): Promise<TableInfo[]> {
    return this.#read((db) => {
      const out: TableInfo[] = [];
      for (const schema of this.#schemaNames(db).filter((name) => !schemas || schemas.includes(name))) {
        const rows = db.prepare(`SELECT name, type FROM ${quote(schema)}.sqlite_schema WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite!_%' ESCAPE '!' ORDER BY name`).all() as { name: string; type: string }[];
        for (const row of rows) out.push({ schema, name: row.name, type: row.type === 'view' ? 'view' : 'table', rowEstimate: row.type === 'table' ? this.#estimate(db, schema, row.name) : null });
      }
      return out;
    });
  }

  /** sqlite_stat1 when ANALYZE has run; else max(rowid), a cheap upper bound for rowid tables. */
  #estimate(db: DatabaseSync, schema: string, table: string): number | null {
    try {
      const hasStat = db.prepare(`SELECT 1 FROM ${quote(schema)}.sqlite_schema WHERE name = 'sqlite_stat1'`).get();
      if (hasStat) {
        const stat = db.prepare(`SELECT stat FROM ${quote(schema)}.sqlite_stat1 WHERE tbl = ? LIMIT 1`).get(table) as { stat: string } | undefined;
        const count = stat ? Number.parseInt(stat.stat, 10) : Number.NaN;
        if (Number.isFinite(count)) return count;
      }
      const row = db.prepare(`SELECT max(rowid) AS n FROM ${quote(schema)}.${quote(table)}`).get() as { n: number | null } | undefined;
      return row?.n === null || row?.n === undefined ? 0 : Number(row.n);
    } catch {
      // WITHOUT ROWID tables have no rowid.
      return null;
    }
  }

  async describeTable(schema: string, table: string): Promise<TableDescription | undefined> {
    return this.#read((db) => {
      if (!this.#schemaNames(db).includes(schema)) return undefined;
      const meta = db.prepare(`SELECT name, type FROM ${quote(schema)}.sqlite_schema WHERE type IN ('table', 'view') AND name = ?`).get(table) as { name: string; type: string } | undefined;
      if (!meta) return undefined;
      const columns = db.prepare('SELECT name, type, "notnull" AS nn, dflt_value AS dflt, pk, hidden FROM pragma_table_xinfo(?, ?) ORDER BY cid').all(table, schema) as {
        name: string; type: string; nn: number; dflt: string | null; pk: number; hidden: number;
      }[];
      const primaryKey = columns.filter((col) => Number(col.pk) > 0).sort((a, b) => Number(a.pk) - Number(b.pk)).map((col) => col.name);
      const fkRows = db.prepare('SELECT id, seq, "table" AS ref, "from" AS col, "to" AS refcol, on_update, on_delete FROM pragma_foreign_key_list(?, ?) ORDER BY id, seq').all(table, schema) as {
        id: number; seq: number; ref: string; col: string; refcol: string | null; on_update: string; on_delete: string;
      }[];
      const fks = new Map<number, TableDescription['foreignKeys'][number]>();
      for (const fk of fkRows) {
        let entry = fks.get(Number(fk.id));
        if (!entry) {
          entry = { name: `fk_${table}_${fk.id}`, columns: [], references: { schema, table: fk.ref, columns: [] }, onUpdate: fk.on_update, onDelete: fk.on_delete };
          fks.set(Number(fk.id), entry);
        }
        entry.columns.push(fk.col);
        entry.references.columns.push(fk.refcol ?? primaryKeyOf(db, schema, fk.ref)[entry.references.columns.length] ?? fk.col);
      }
      const indexRows = db.prepare('SELECT name, "unique" AS uniq, origin FROM pragma_index_list(?, ?)').all(table, schema) as { name: string; uniq: number; origin: string }[];
      const indexes = indexRows.map((index) => {
        const cols = db.prepare('SELECT name FROM pragma_index_info(?, ?) ORDER BY seqno').all(index.name, schema) as { name: string | null }[];
        const sql = db.prepare(`SELECT sql FROM ${quote(schema)}.sqlite_schema WHERE type = 'index' AND name = ?`).get(index.name) as { sql: string | null } | undefined;
        return {
          name: index.name,
          columns: cols.map((col) => col.name ?? '(expression)'),
          unique: Number(index.uniq) === 1,
          primary: index.origin === 'pk',
          ...(sql?.sql ? { definition: sql.sql } : {}),
        };
      });
      const type: TableType = meta.type === 'view' ? 'view' : 'table';
      return {
        schema,
        name: meta.name,
        type,
        rowEstimate: type === 'table' ? this.#estimate(db, schema, meta.name) : null,
        columns: columns.filter((col) => Number(col.hidden) === 0 || Number(col.hidden) >= 2).map((col) => ({
          name: col.name,
          type: col.type || 'ANY',
          nullable: Number(col.nn) === 0 && !primaryKey.includes(col.name),
          default: col.dflt,
          primaryKey: primaryKey.includes(col.name),
        })),
        primaryKey,
        foreignKeys: [...fks.values()],
        indexes,
      };
    });
  }

  async searchObjects(request: SearchRequest): Promise<ObjectMatch[]> {
    return this.#read((db) => {
      const parts: string[] = [];
      const params: string[] = [];
      for (const schema of this.#schemaNames(db).filter((name) => !request.schemas || request.schemas.includes(name))) {
        const s = quote(schema);
        const lit = `'${schema.replaceAll("'", "''")}'`;
        if (request.kinds.includes('table') || request.kinds.includes('view')) {
          const types = ['table', 'view'].filter((kind) => request.kinds.includes(kind as 'table' | 'view')).map((kind) => `'${kind}'`).join(', ');
          parts.push(`SELECT type AS kind, ${lit} AS schema_name, name, NULL AS tbl, NULL AS typ FROM ${s}.sqlite_schema WHERE type IN (${types}) AND name NOT LIKE 'sqlite!_%' ESCAPE '!' AND name LIKE ? ESCAPE '!'`);
          params.push(request.like);
        }
        if (request.kinds.includes('column')) {
          parts.push(`SELECT 'column' AS kind, ${lit} AS schema_name, p.name AS name, m.name AS tbl, p.type AS typ FROM ${s}.sqlite_schema m JOIN pragma_table_info(m.name, ${lit}) p WHERE m.type IN ('table', 'view') AND m.name NOT LIKE 'sqlite!_%' ESCAPE '!' AND p.name LIKE ? ESCAPE '!'`);
          params.push(request.like);
        }
      }
      if (request.kinds.includes('function')) {
        parts.push(`SELECT DISTINCT 'function' AS kind, 'main' AS schema_name, name, NULL AS tbl, NULL AS typ FROM pragma_function_list WHERE name LIKE ? ESCAPE '!'`);
        params.push(request.like);
      }
      if (parts.length === 0) return [];
      const sql = `SELECT * FROM (${parts.join(' UNION ALL ')}) ORDER BY kind, schema_name, tbl, name LIMIT ? OFFSET ?`;
      const rows = db.prepare(sql).all(...params, request.limit, request.offset) as { kind: string; schema_name: string; name: string; tbl: string | null; typ: string | null }[];
      return rows.map((row) => ({
        kind: row.kind as ObjectMatch['kind'],
        schema: row.schema_name,
        name: row.name,
        ...(row.tbl ? { table: row.tbl } : {}),
        ...(row.typ ? { type: row.typ } : {}),
      }));
    });
  }

  async openQuery(sql: string, params: unknown[], options: StatementOptions): Promise<RowCursor> {
    const statement = this.#read((db) => this.#prepare(db, sql));
    const cursor = new SqliteCursor(this, statement, toSqlValues(params), sql, options.timeoutMs);
    this.#open.add(cursor);
    return cursor;
  }

  /** Step a cursor's iterator in read mode (for the shared in-memory connection). */
  stepInReadMode<T>(fn: () => T): T {
    return this.#read(() => fn());
  }

  forget(cursor: SqliteCursor): void {
    this.#open.delete(cursor);
  }

  #prepare(db: DatabaseSync, sql: string): StatementSync {
    try {
      const statement = db.prepare(sql);
      statement.setReturnArrays(true);
      statement.setReadBigInts(true);
      return statement;
    } catch (error) {
      throw toSqlError(error, sql);
    }
  }

  async explain(sql: string, params: unknown[], options: ExplainOptions): Promise<ExplainResult> {
    if (options.analyze) {
      throw new ToolError(DbErrorCode.NOT_SUPPORTED, 'SQLite has no EXPLAIN ANALYZE: it can show the plan but not run it with timings', { hint: 'Call explain without analyze.' });
    }
    const rows = this.#read((db) => {
      const statement = this.#prepare(db, `EXPLAIN QUERY PLAN ${sql}`);
      statement.setReturnArrays(false);
      try {
        return statement.all(...toSqlValues(params)) as { id: bigint; parent: bigint; detail: string }[];
      } catch (error) {
        throw toSqlError(error, sql);
      }
    });
    const depth = new Map<number, number>([[0, -1]]);
    const lines = rows.map((row) => {
      const level = (depth.get(Number(row.parent)) ?? -1) + 1;
      depth.set(Number(row.id), level);
      return `${'  '.repeat(level)}${row.detail}`;
    });
    return { format: 'text', plan: lines };
  }

  async execute(sql: string, params: unknown[], options: ExecuteOptions): Promise<ExecuteResult> {
    const db = this.#writer;
    if (!db) throw new ToolError(ToolErrorCode.ACCESS_DENIED, 'This SQLite server is read-only (access: read): it has no writable connection');
    const values = toSqlValues(params);
    const deadline = Date.now() + options.timeoutMs;
    const inTransaction = !/^\s*(VACUUM|ATTACH|DETACH)\b/i.test(sql);
    if (!inTransaction && options.dryRun) {
      throw new ToolError(DbErrorCode.NOT_SUPPORTED, 'This statement cannot run inside a transaction in SQLite, so a dry run cannot roll it back', { hint: 'Run it without dryRun if you mean it.' });
    }
    if (inTransaction) this.#internal(() => db.exec('BEGIN IMMEDIATE'));
    try {
      this.#writerMode = options.access;
      let statement: StatementSync;
      try {
        statement = db.prepare(sql);
      } finally {
        this.#writerMode = 'internal';
      }
      statement.setReturnArrays(true);
      statement.setReadBigInts(true);
      const columns = statement.columns().map((col) => ({ name: col.name, type: col.type ?? 'unknown' }));
      let rowCount = 0;
      const rows: Row[] = [];
      let rowsTruncated = false;
      if (columns.length > 0) {
        for (const row of statement.iterate(...values) as Iterable<unknown[]>) {
          if (Date.now() > deadline) throw statementTimeout(options.timeoutMs);
          rowCount++;
          if (rows.length < options.maxRows) rows.push(rowToJson(row));
          else rowsTruncated = true;
        }
        // RETURNING reports the rows it returned; a plain SELECT here changes nothing.
        const changes = Number((db.prepare('SELECT changes() AS n').get() as { n: unknown } | undefined)?.n ?? rowCount);
        rowCount = /^\s*(WITH\b[\s\S]*)?\b(INSERT|UPDATE|DELETE|REPLACE)\b/i.test(sql) ? changes : rowCount;
      } else {
        const outcome = statement.run(...values);
        rowCount = Number(outcome.changes);
      }
      if (inTransaction) this.#internal(() => db.exec(options.dryRun ? 'ROLLBACK' : 'COMMIT'));
      return { command: commandOf(sql), rowCount, columns, rows, rowsTruncated };
    } catch (error) {
      if (inTransaction && db.isTransaction) this.#internal(() => db.exec('ROLLBACK'));
      if (error instanceof ToolError) throw error;
      throw toSqlError(error, sql);
    }
  }

  #internal(fn: () => void): void {
    const previous = this.#writerMode;
    this.#writerMode = 'internal';
    try {
      fn();
    } finally {
      this.#writerMode = previous;
    }
  }

  async close(): Promise<void> {
    for (const cursor of [...this.#open]) await cursor.close();
    if (this.#writer && this.#writer !== this.#reader) this.#writer.close();
    this.#reader?.close();
    this.#reader = undefined;
    this.#writer = undefined;
  }
}

class SqliteCursor implements RowCursor {
  readonly columns: ColumnInfo[];
  #iterator: Iterator<unknown[]> | undefined;
  #done = false;
  readonly #engine: SqliteDirectEngine;
  readonly #sql: string;
  readonly #timeoutMs: number;
  #firstRow: unknown[] | undefined;

  constructor(engine: SqliteDirectEngine, statement: StatementSync, params: SqlValue[], sql: string, timeoutMs: number) {
    this.#engine = engine;
    this.#sql = sql;
    this.#timeoutMs = timeoutMs;
    const declared = statement.columns();
    try {
      this.#iterator = engine.stepInReadMode(() => (statement.iterate(...params) as IterableIterator<unknown[]>)[Symbol.iterator]());
      // Step once now so errors surface at open and undeclared types can be read off the first row.
      const first = engine.stepInReadMode(() => (this.#iterator as Iterator<unknown[]>).next());
      if (first.done) this.#finish();
      else this.#firstRow = first.value;
    } catch (error) {
      this.#finish();
      throw toSqlError(error, sql);
    }
    this.columns = declared.map((col, i) => ({ name: col.name, type: col.type ?? inferType(this.#firstRow?.[i]) }));
  }

  get done(): boolean {
    return this.#done && this.#firstRow === undefined;
  }

  /** No abort signal: in the worker, cancelling is the owner's (it terminates the worker). */
  async read(count: number): Promise<Row[]> {
    const rows: Row[] = [];
    if (this.#firstRow !== undefined && count > 0) {
      rows.push(rowToJson(this.#firstRow));
      this.#firstRow = undefined;
    }
    const iterator = this.#iterator;
    if (!iterator || this.#done) return rows;
    const deadline = Date.now() + this.#timeoutMs;
    try {
      this.#engine.stepInReadMode(() => {
        while (rows.length < count) {
          const next = iterator.next();
          if (next.done) {
            this.#finish();
            return;
          }
          rows.push(rowToJson(next.value));
          if ((rows.length & 255) === 0 && Date.now() > deadline) throw statementTimeout(this.#timeoutMs);
        }
      });
    } catch (error) {
      this.#finish();
      if (error instanceof ToolError) throw error;
      throw toSqlError(error, this.#sql);
    }
    return rows;
  }

  #finish(): void {
    if (!this.#done) {
      this.#done = true;
      this.#iterator?.return?.();
      this.#iterator = undefined;
      this.#engine.forget(this);
    }
  }

  async close(): Promise<void> {
    this.#firstRow = undefined;
    this.#finish();
  }
}

function primaryKeyOf(db: DatabaseSync, schema: string, table: string): string[] {
  const rows = db.prepare('SELECT name, pk FROM pragma_table_info(?, ?) WHERE pk > 0 ORDER BY pk').all(table, schema) as { name: string }[];
  return rows.map((row) => row.name);
}

function inferType(value: unknown): string {
  if (value === undefined || value === null) return 'unknown';
  if (typeof value === 'bigint') return 'INTEGER';
  if (typeof value === 'number') return 'REAL';
  if (typeof value === 'string') return 'TEXT';
  return 'BLOB';
}

function toSqlValues(params: unknown[]): SqlValue[] {
  return params.map((value) => {
    if (value === null || value === undefined) return null;
    if (typeof value === 'boolean') return value ? 1 : 0;
    if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'string' || value instanceof Uint8Array) return value;
    return JSON.stringify(value);
  });
}

function commandOf(sql: string): string {
  const match = /^\s*(?:WITH\b[\s\S]*?\)\s*)?([A-Za-z]+)/i.exec(sql);
  return (match?.[1] ?? 'STATEMENT').toUpperCase();
}

function quote(identifier: string): string {
  return `"${identifier.replaceAll('"', '""')}"`;
}

function toSqlError(error: unknown, sql: string): ToolError {
  if (error instanceof ToolError) return error;
  const e = error as { message?: string; errcode?: number; errstr?: string; code?: string };
  const message = e.message ?? String(error);
  const code = e.errcode !== undefined ? `SQLITE_${e.errstr ? e.errstr.toUpperCase().replaceAll(' ', '_') : e.errcode}` : e.code;
  const hint = /not authorized/i.test(message) ? 'SQLite refused this at compile time: it is not allowed at this server\'s access tier.'
    : /readonly database/i.test(message) ? 'The read-tier connection is opened read-only.'
      : /database is locked/i.test(message) ? 'Another connection holds a lock: an unfinished query cursor (it closes when read to the end or after cursorIdleMs) or another process. In WAL journal mode readers do not block writers.'
        : undefined;
  return sqlError({ message, ...(code ? { code } : {}), ...(hint ? { hint } : {}) }, sql);
}
