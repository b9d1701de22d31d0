import mysql from 'mysql2';
import type { FieldPacket, PoolConnection, Query, QueryError } from 'mysql2';
import type { Logger } from '@mcpctl/kernel';
import { ToolError, ToolErrorCode, tierAllows } from '@mcpctl/toolkit';
import { DB_CONNECT } from '../errors.js';
import { connectionLost, sqlError, statementTimeout } from '../tool-errors.js';
import { scrub, type NetworkUrl } from '../url.js';
import { rowToJson } from '../values.js';
import type {
  ColumnInfo, Engine, EngineOptions, ExecuteOptions, ExecuteResult, ExplainOptions, ExplainResult, ObjectMatch, Row, RowCursor,
  SchemaInfo, SearchRequest, StatementOptions, TableDescription, TableInfo, TableType,
} from './engine.js';
import { mysqlTypeName } from './mysql-types.js';
import { cancelOnAbort, describeDriverError } from './network.js';

/**
 * MySQL and MariaDB through `mysql2`. `multipleStatements` is off and
 * LOCAL INFILE is disabled on every connection. Read tier: each call first
 * sets the session read-only with the statement time limit
 * (`max_statement_time` on MariaDB, `max_execution_time` on MySQL), then
 * `START TRANSACTION READ ONLY`, streams the rows (pausing the socket
 * between pages), and rolls back. Statements that commit implicitly (DDL)
 * never reach the server in read tier: the classifier refuses them first,
 * and the read-only session refuses them too. Write tier adds
 * `sql_safe_updates`, so UPDATE/DELETE without a key WHERE is refused.
 */

const SYSTEM_SCHEMAS = `('mysql', 'information_schema', 'performance_schema', 'sys')`;
const FLAVOR_TIMEOUT_ERRNOS = new Set([1969, 3024, 1317]);

type Flavor = 'mariadb' | 'mysql';

export class MysqlEngine implements Engine {
  readonly dialect = 'mysql' as const;
  readonly target: string;
  readonly #url: NetworkUrl;
  readonly #options: EngineOptions;
  readonly #logger: Logger | undefined;
  #pool: mysql.Pool | undefined;
  #flavor: Flavor = 'mysql';
  #defaultSchema = '';
  readonly #open = new Set<MysqlCursor>();

  constructor(url: NetworkUrl, options: EngineOptions, logger?: Logger) {
    this.#url = url;
    this.#options = options;
    this.#logger = logger;
    this.target = url.display;
  }

  defaultSchema(): string {
    return this.#defaultSchema;
  }

  #connectionOptions(): mysql.PoolOptions {
    const u = this.#url;
    const o = this.#options;
    const socket = u.host.startsWith('/') ? u.host : undefined;
    return {
      ...(socket ? { socketPath: socket } : { host: u.host, port: u.port }),
      user: u.user,
      password: u.password,
      ...(u.database ? { database: u.database } : {}),
      connectionLimit: o.poolSize,
      idleTimeout: o.idleTimeoutMs,
      connectTimeout: o.connectTimeoutMs,
      multipleStatements: false,
      // No LOAD DATA LOCAL: the server can never ask this process for a file.
      flags: ['-LOCAL_FILES', '-MULTI_STATEMENTS'],
      dateStrings: true,
      // Exact: BIGINT and DECIMAL beyond 2^53 arrive as strings, smaller ones as numbers.
      supportBigNumbers: true,
      bigNumberStrings: false,
      charset: 'utf8mb4',
      ...(o.tls ? { ssl: { ...o.tls } } : {}),
    };
  }

  #where(): string {
    const u = this.#url;
    return `MySQL/MariaDB database "${u.database}" at ${u.host}:${u.port}`;
  }

  async connect(): Promise<void> {
    if (this.#pool) return;
    const pool = mysql.createPool(this.#connectionOptions());
    pool.on('connection', (connection) => connection.on('error', (error) => this.#logger?.warn({ err: scrub(error.message, this.#url.secrets) }, 'MySQL connection failed')));
    let conn: PoolConnection;
    try {
      conn = await getConnection(pool);
    } catch (error) {
      await new Promise<void>((resolve) => pool.end(() => resolve()));
      throw DB_CONNECT(this.#where(), this.#url.display, describeDriverError(error, this.#url.secrets), { cause: error });
    }
    try {
      const rows = (await run(conn, 'SELECT VERSION() AS v, DATABASE() AS d')) as { v: string; d: string | null }[];
      this.#flavor = /mariadb/i.test(rows[0]?.v ?? '') ? 'mariadb' : 'mysql';
      this.#defaultSchema = rows[0]?.d ?? '';
      const grants = (await run(conn, 'SHOW GRANTS')) as Record<string, string>[];
      if (grants.some((row) => /\b(ALL PRIVILEGES|FILE)\b.* ON \*\.\*/i.test(Object.values(row)[0] ?? ''))) {
        this.#logger?.warn({ database: this.#url.display }, 'connected as a user with the FILE privilege; read-only transactions do not stop SELECT … INTO OUTFILE or LOAD_FILE(): connect as a less privileged user');
      }
    } finally {
      conn.release();
    }
    this.#pool = pool;
  }

  async #checkout(): Promise<PoolConnection> {
    const pool = this.#pool;
    if (!pool) throw connectionLost('the pool is closed');
    try {
      return await getConnection(pool);
    } catch (error) {
      throw connectionLost(describeDriverError(error, this.#url.secrets));
    }
  }

  /** Put a connection in read-only or read-write state for one call: every session setting that matters is set again. */
  async #prepareSession(conn: PoolConnection, mode: 'read' | 'write' | 'destructive', timeoutMs: number): Promise<void> {
    const readOnly = mode === 'read' ? 1 : 0;
    const safeUpdates = mode === 'write' ? 1 : 0;
    const writeWait = Math.ceil((this.#options.cursorIdleMs + 30_000) / 1000);
    const settings = this.#flavor === 'mariadb'
      ? `SET SESSION tx_read_only = ${readOnly}, SESSION max_statement_time = ${(timeoutMs / 1000).toFixed(3)}, SESSION sql_safe_updates = ${safeUpdates}, SESSION net_write_timeout = ${writeWait}`
      : `SET SESSION transaction_read_only = ${readOnly}, SESSION max_execution_time = ${Math.floor(timeoutMs)}, SESSION sql_safe_updates = ${safeUpdates}, SESSION net_write_timeout = ${writeWait}`;
    await run(conn, settings);
    await run(conn, mode === 'read' ? 'START TRANSACTION READ ONLY' : 'START TRANSACTION READ WRITE');
  }

  async #catalog<R>(sql: string, values: unknown[]): Promise<R[]> {
    const conn = await this.#checkout();
    try {
      await this.#prepareSession(conn, 'read', this.#options.statementTimeoutMs);
      const rows = (await run(conn, sql, values)) as R[];
      await run(conn, 'ROLLBACK');
      conn.release();
      return rows;
    } catch (error) {
      await this.#abandon(conn);
      throw this.toolError(error, sql, this.#options.statementTimeoutMs);
    }
  }

  async listSchemas(schemas: string[] | undefined): Promise<SchemaInfo[]> {
    const rows = await this.#catalog<{ name: string; tables: number }>(
      `SELECT s.SCHEMA_NAME AS name, (SELECT COUNT(*) FROM information_schema.TABLES t WHERE t.TABLE_SCHEMA = s.SCHEMA_NAME) AS tables
         FROM information_schema.SCHEMATA s WHERE s.SCHEMA_NAME NOT IN ${SYSTEM_SCHEMAS} ${schemas ? 'AND s.SCHEMA_NAME IN (?)' : ''} ORDER BY 1`,
      schemas ? [schemas] : [],
    );
    return rows.map((row) => ({ name: row.name, tables: Number(row.tables) }));
  }

  async listTables(schemas: string[] | undefined, only?: { schema: string; table: string }): Promise<TableInfo[]> {
    const conditions = [`TABLE_SCHEMA NOT IN ${SYSTEM_SCHEMAS}`];
    const values: unknown[] = [];
    if (schemas) {
      conditions.push('TABLE_SCHEMA IN (?)');
      values.push(schemas);
    }
    if (only) {
      conditions.push('TABLE_SCHEMA = ? AND TABLE_NAME = ?');
      values.push(only.schema, only.table);
    }
    const rows = await this.#catalog<{ s: string; n: string; t: string; r: number | string | null; c: string | null }>(
      `SELECT TABLE_SCHEMA AS s, TABLE_NAME AS n, TABLE_TYPE AS t, TABLE_ROWS AS r, TABLE_COMMENT AS c
         FROM information_schema.TABLES WHERE ${conditions.join(' AND ')} ORDER BY 1, 2`,
      values,
    );
    return rows.map((row) => {
      const type: TableType = row.t === 'VIEW' ? 'view' : 'table';
      return {
        schema: row.s,
        name: row.n,
        type,
        rowEstimate: type === 'view' || row.r === null ? null : Number(row.r),
        ...(row.c && row.c !== 'VIEW' ? { comment: row.c } : {}),
      };
    });
  }

  async describeTable(schema: string, table: string): Promise<TableDescription | undefined> {
    const [info] = await this.listTables([schema], { schema, table });
    if (!info) return undefined;
    const columns = await this.#catalog<{ name: string; type: string; nullable: string; dflt: string | null; ckey: string; comment: string }>(
      `SELECT COLUMN_NAME AS name, COLUMN_TYPE AS type, IS_NULLABLE AS nullable, COLUMN_DEFAULT AS dflt, COLUMN_KEY AS ckey, COLUMN_COMMENT AS comment
         FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION`,
      [schema, table],
    );
    const stats = await this.#catalog<{ name: string; non_unique: number | string; col: string | null; expr: string | null }>(
      `SELECT INDEX_NAME AS name, NON_UNIQUE AS non_unique, COLUMN_NAME AS col, NULL AS expr
         FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY INDEX_NAME, SEQ_IN_INDEX`,
      [schema, table],
    );
    const fkRows = await this.#catalog<{ name: string; col: string; ref_schema: string; ref_table: string; ref_col: string; upd: string; del: string }>(
      `SELECT k.CONSTRAINT_NAME AS name, k.COLUMN_NAME AS col, k.REFERENCED_TABLE_SCHEMA AS ref_schema, k.REFERENCED_TABLE_NAME AS ref_table,
              k.REFERENCED_COLUMN_NAME AS ref_col, r.UPDATE_RULE AS upd, r.DELETE_RULE AS del
         FROM information_schema.KEY_COLUMN_USAGE k
         JOIN information_schema.REFERENTIAL_CONSTRAINTS r ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME AND r.TABLE_NAME = k.TABLE_NAME
        WHERE k.TABLE_SCHEMA = ? AND k.TABLE_NAME = ? AND k.REFERENCED_TABLE_NAME IS NOT NULL
        ORDER BY k.CONSTRAINT_NAME, k.ORDINAL_POSITION`,
      [schema, table],
    );
    const indexes = new Map<string, TableDescription['indexes'][number]>();
    for (const row of stats) {
      let index = indexes.get(row.name);
      if (!index) {
        index = { name: row.name, columns: [], unique: Number(row.non_unique) === 0, primary: row.name === 'PRIMARY' };
        indexes.set(row.name, index);
      }
      index.columns.push(row.col ?? '(expression)');
    }
    const primaryKey = indexes.get('PRIMARY')?.columns ?? [];
    const fks = new Map<string, TableDescription['foreignKeys'][number]>();
    for (const row of fkRows) {
      let fk = fks.get(row.name);
      if (!fk) {
        fk = { name: row.name, columns: [], references: { schema: row.ref_schema, table: row.ref_table, columns: [] }, onUpdate: row.upd, onDelete: row.del };
        fks.set(row.name, fk);
      }
      fk.columns.push(row.col);
      fk.references.columns.push(row.ref_col);
    }
    return {
      ...info,
      columns: columns.map((col) => ({
        name: col.name,
        type: col.type,
        nullable: col.nullable === 'YES',
        default: col.dflt,
        primaryKey: primaryKey.includes(col.name),
        ...(col.comment ? { comment: col.comment } : {}),
      })),
      primaryKey,
      foreignKeys: [...fks.values()],
      indexes: [...indexes.values()],
    };
  }

  async searchObjects(request: SearchRequest): Promise<ObjectMatch[]> {
    const schemaFilter = (column: string): string => `${column} NOT IN ${SYSTEM_SCHEMAS}${request.schemas ? ` AND ${column} IN (?)` : ''}`;
    const parts: string[] = [];
    const values: unknown[] = [];
    const push = (sql: string, column: string): void => {
      parts.push(sql.replace('$SCHEMAS', schemaFilter(column)));
      values.push(...(request.schemas ? [request.schemas] : []), request.like);
    };
    const tableKinds = request.kinds.filter((kind) => kind === 'table' || kind === 'view');
    if (tableKinds.length > 0) {
      const types = tableKinds.map((kind) => (kind === 'view' ? `'VIEW'` : `'BASE TABLE', 'SYSTEM VERSIONED', 'SEQUENCE'`)).join(', ');
      push(`SELECT IF(TABLE_TYPE = 'VIEW', 'view', 'table') AS kind, TABLE_SCHEMA AS sch, TABLE_NAME AS name, NULL AS tbl, NULL AS typ
              FROM information_schema.TABLES WHERE $SCHEMAS AND TABLE_TYPE IN (${types}) AND TABLE_NAME LIKE ? ESCAPE '!'`, 'TABLE_SCHEMA');
    }
    if (request.kinds.includes('column')) {
      push(`SELECT 'column' AS kind, TABLE_SCHEMA AS sch, COLUMN_NAME AS name, TABLE_NAME AS tbl, COLUMN_TYPE AS typ FROM information_schema.COLUMNS WHERE $SCHEMAS AND COLUMN_NAME LIKE ? ESCAPE '!'`, 'TABLE_SCHEMA');
    }
    if (request.kinds.includes('function')) {
      push(`SELECT 'function' AS kind, ROUTINE_SCHEMA AS sch, ROUTINE_NAME AS name, NULL AS tbl, COALESCE(DTD_IDENTIFIER, ROUTINE_TYPE) AS typ FROM information_schema.ROUTINES WHERE $SCHEMAS AND ROUTINE_NAME LIKE ? ESCAPE '!'`, 'ROUTINE_SCHEMA');
    }
    if (parts.length === 0) return [];
    const rows = await this.#catalog<{ kind: string; sch: string; name: string; tbl: string | null; typ: string | null }>(
      `SELECT * FROM (${parts.join(' UNION ALL ')}) o ORDER BY kind, sch, tbl, name LIMIT ? OFFSET ?`,
      [...values, request.limit, request.offset],
    );
    return rows.map((row) => ({
      kind: row.kind as ObjectMatch['kind'],
      schema: row.sch,
      name: row.name,
      ...(row.tbl ? { table: row.tbl } : {}),
      ...(row.typ ? { type: row.typ } : {}),
    }));
  }

  async openQuery(sql: string, params: unknown[], options: StatementOptions): Promise<RowCursor> {
    const conn = await this.#checkout();
    try {
      await this.#prepareSession(conn, 'read', options.timeoutMs);
    } catch (error) {
      await this.#abandon(conn);
      throw this.toolError(error, sql, options.timeoutMs);
    }
    const cursor = new MysqlCursor(this, conn, sql, params, options.timeoutMs);
    this.#open.add(cursor);
    try {
      await cursor.ready(options.signal);
    } catch (error) {
      await cursor.close();
      throw error;
    }
    return cursor;
  }

  forget(cursor: MysqlCursor): void {
    this.#open.delete(cursor);
  }

  async explain(sql: string, params: unknown[], options: ExplainOptions): Promise<ExplainResult> {
    const conn = await this.#checkout();
    // MariaDB's ANALYZE FORMAT=JSON and MySQL's EXPLAIN ANALYZE execute the statement: write session, always rolled back.
    const text = options.analyze
      ? (this.#flavor === 'mariadb' ? `ANALYZE FORMAT=JSON ${sql}` : `EXPLAIN ANALYZE ${sql}`)
      : `EXPLAIN FORMAT=JSON ${sql}`;
    try {
      await this.#prepareSession(conn, options.analyze ? 'destructive' : 'read', options.timeoutMs);
      const rows = (await this.withCancel(conn, options.signal, () => run(conn, text, params, true))) as unknown[][];
      await run(conn, 'ROLLBACK');
      conn.release();
      const first = rows[0]?.[0];
      if (typeof first === 'string' && first.trimStart().startsWith('{')) return { format: 'json', plan: JSON.parse(first) };
      return { format: 'text', plan: rows.map((row) => row.map((cell) => String(cell)).join('\t')) };
    } catch (error) {
      await this.#abandon(conn);
      throw this.toolError(error, sql, options.timeoutMs);
    }
  }

  async execute(sql: string, params: unknown[], options: ExecuteOptions): Promise<ExecuteResult> {
    if (!tierAllows(this.#options.access, 'write')) throw new ToolError(ToolErrorCode.ACCESS_DENIED, 'This MySQL server is read-only (access: read)');
    const conn = await this.#checkout();
    try {
      await this.#prepareSession(conn, options.access === 'destructive' ? 'destructive' : 'write', options.timeoutMs);
      if (options.implicitCommit) await run(conn, 'ROLLBACK');
      const fields: FieldPacket[] = [];
      const outcome = await this.withCancel(conn, options.signal, () => run(conn, sql, params, true, fields));
      if (!options.implicitCommit) await run(conn, options.dryRun ? 'ROLLBACK' : 'COMMIT');
      conn.release();
      if (Array.isArray(outcome)) {
        const rows = (outcome as unknown[][]).slice(0, options.maxRows).map((row) => rowToJson(row));
        return { command: commandOf(sql), rowCount: outcome.length, columns: columnsOf(fields), rows, rowsTruncated: outcome.length > options.maxRows };
      }
      const ok = outcome as { affectedRows?: number };
      return { command: commandOf(sql), rowCount: Number(ok.affectedRows ?? 0), columns: [], rows: [], rowsTruncated: false };
    } catch (error) {
      await this.#abandon(conn);
      throw this.toolError(error, sql, options.timeoutMs);
    }
  }

  async #abandon(conn: PoolConnection): Promise<void> {
    try {
      await run(conn, 'ROLLBACK');
      conn.release();
    } catch {
      conn.destroy();
    }
  }

  withCancel<T>(conn: PoolConnection, signal: AbortSignal | undefined, work: () => Promise<T>): Promise<T> {
    return cancelOnAbort(signal, () => void this.#kill(conn.threadId), work);
  }

  async #kill(threadId: number): Promise<void> {
    const { connectionLimit: _limit, idleTimeout: _idle, ...single } = this.#connectionOptions();
    const conn = mysql.createConnection(single);
    conn.on('error', () => undefined);
    await new Promise<void>((resolve) => conn.query(`KILL QUERY ${Math.floor(threadId)}`, () => resolve()));
    conn.destroy();
  }

  toolError(error: unknown, sql: string, timeoutMs: number): ToolError {
    if (error instanceof ToolError) return error;
    const e = error as Partial<QueryError> & { errno?: number; sqlMessage?: string; sqlState?: string; fatal?: boolean };
    if (typeof e.errno !== 'number' || e.fatal) return connectionLost(describeDriverError(error, this.#url.secrets));
    if (FLAVOR_TIMEOUT_ERRNOS.has(e.errno) && /max_statement_time|max_execution_time|maximum statement execution time/i.test(e.sqlMessage ?? e.message ?? '')) {
      return statementTimeout(timeoutMs);
    }
    const message = scrub(e.sqlMessage ?? e.message ?? 'SQL error', this.#url.secrets);
    const line = /at line (\d+)/.exec(message)?.[1];
    const hint = e.errno === 1792 ? 'Read-tier statements run in a READ ONLY transaction; use the execute tool on a server with access: write.'
      : e.errno === 1175 ? 'access: write runs with sql_safe_updates: give a WHERE on a key (or a LIMIT), or use a server with access: destructive.'
        : undefined;
    return sqlError({ message, code: `${e.code ?? 'ER'} (${e.errno}${e.sqlState ? `, SQLSTATE ${e.sqlState}` : ''})`, ...(line ? { line: Number(line) } : {}), ...(hint ? { hint } : {}) }, sql);
  }

  async close(): Promise<void> {
    for (const cursor of [...this.#open]) await cursor.close();
    const pool = this.#pool;
    this.#pool = undefined;
    if (pool) await new Promise<void>((resolve) => pool.end(() => resolve()));
  }
}

/**
 * Rows of a streaming query. mysql2 emits rows as they arrive; once a page
 * is buffered the socket is paused (so the server blocks on its send
 * buffer) until the next page is asked for.
 */
class MysqlCursor implements RowCursor {
  #columns: ColumnInfo[] = [];
  #queue: unknown[][] = [];
  #want = 1;
  #ended = false;
  #error: unknown;
  #wake: (() => void) | undefined;
  #released = false;
  readonly #engine: MysqlEngine;
  readonly #conn: PoolConnection;
  readonly #query: Query;
  readonly #sql: string;
  readonly #timeoutMs: number;

  constructor(engine: MysqlEngine, conn: PoolConnection, sql: string, params: unknown[], timeoutMs: number) {
    this.#engine = engine;
    this.#conn = conn;
    this.#sql = sql;
    this.#timeoutMs = timeoutMs;
    this.#query = conn.query({ sql, values: params, rowsAsArray: true });
    this.#query.on('fields', (fields: FieldPacket[] | undefined) => {
      // Statements without a result set emit 'fields' with nothing.
      if (fields && this.#columns.length === 0) this.#columns = columnsOf(fields);
    });
    this.#query.on('result', (row: unknown) => {
      if (!Array.isArray(row)) return;
      this.#queue.push(row);
      if (this.#queue.length >= this.#want) conn.pause();
      this.#notify();
    });
    this.#query.on('error', (error: unknown) => {
      this.#error = error;
      this.#notify();
    });
    this.#query.on('end', () => {
      this.#ended = true;
      this.#notify();
    });
  }

  #notify(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }

  get columns(): ColumnInfo[] {
    return this.#columns;
  }

  get done(): boolean {
    return this.#ended && this.#queue.length === 0;
  }

  /** Wait for the first row (or the end, or an error): errors surface when the query opens. */
  async ready(signal?: AbortSignal): Promise<void> {
    await this.#fill(1, signal);
  }

  async #fill(count: number, signal?: AbortSignal): Promise<void> {
    this.#want = count;
    while (this.#queue.length < count && !this.#ended && this.#error === undefined) {
      const wait = new Promise<void>((resolve) => {
        this.#wake = resolve;
      });
      this.#conn.resume();
      await this.#engine.withCancel(this.#conn, signal, () => wait);
    }
    if (this.#error !== undefined) {
      const error = this.#error;
      await this.close();
      throw this.#engine.toolError(error, this.#sql, this.#timeoutMs);
    }
  }

  async read(count: number, signal?: AbortSignal): Promise<Row[]> {
    await this.#fill(count, signal);
    // The rows are fresh from the driver: convert them in place, no second array.
    const taken = this.#queue.splice(0, count);
    for (const row of taken) rowToJson(row);
    if (this.#ended && this.#queue.length === 0) await this.#release();
    return taken;
  }

  async #release(): Promise<void> {
    if (this.#released) return;
    this.#released = true;
    this.#engine.forget(this);
    if (this.#ended && this.#error === undefined) {
      try {
        await run(this.#conn, 'ROLLBACK');
        this.#conn.release();
      } catch {
        this.#conn.destroy();
      }
      return;
    }
    // Mid-result (or failed): the connection cannot take another command until the result is drained; drop it.
    this.#conn.destroy();
  }

  async close(): Promise<void> {
    this.#queue = [];
    await this.#release();
  }
}

function columnsOf(fields: readonly FieldPacket[]): ColumnInfo[] {
  return fields.map((field) => ({ name: field.name, type: mysqlTypeName(field) }));
}

function commandOf(sql: string): string {
  return (/^\s*([A-Za-z]+)/.exec(sql)?.[1] ?? 'STATEMENT').toUpperCase();
}

function getConnection(pool: mysql.Pool): Promise<PoolConnection> {
  return new Promise((resolve, reject) => pool.getConnection((error, conn) => (error ? reject(error) : resolve(conn))));
}

/** One query on a connection, as a promise. */
function run(conn: PoolConnection, sql: string, values: unknown[] = [], rowsAsArray = false, fieldsOut?: FieldPacket[]): Promise<unknown> {
  return new Promise((resolve, reject) => {
    conn.query({ sql, values, rowsAsArray }, (error: QueryError | null, rows: unknown, fields?: FieldPacket[]) => {
      if (error) reject(error);
      else {
        if (fieldsOut && fields) fieldsOut.push(...fields);
        resolve(rows);
      }
    });
  });
}

