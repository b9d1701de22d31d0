import pg from 'pg';
import type Cursor from 'pg-cursor';
import type { Logger } from '@mcpctl/kernel';
import { tierAllows, ToolError, ToolErrorCode } from '@mcpctl/toolkit';
import { DB_CONNECT } from '../errors.js';
import { connectionLost, sqlError, statementTimeout } from '../tool-errors.js';
import { scrub, type NetworkUrl } from '../url.js';
import { rowToJson } from '../values.js';
import type {
  ColumnInfo, Engine, EngineOptions, ExecuteOptions, ExecuteResult, ExplainOptions, ExplainResult, ObjectMatch, Row, RowCursor,
  SchemaInfo, SearchRequest, StatementOptions, TableDescription, TableInfo, TableType,
} from './engine.js';
import { RowArrayCursor } from './pg-row-cursor.js';
import { builtinTypeName, resultTypes } from './pg-types.js';
import { cancelOnAbort, describeDriverError } from './network.js';

/**
 * PostgreSQL through `pg`. Read tier: connections start with
 * `default_transaction_read_only`, every statement runs in
 * `BEGIN READ ONLY` with a `SET LOCAL statement_timeout`, alone, through the
 * extended protocol (a portal read by pg-cursor, so `SELECT 1; DROP …`
 * cannot run), and the transaction is always rolled back. Writes use a
 * second pool, opened only when the entry grants write access.
 */

const FK_ACTIONS: Record<string, string> = { a: 'NO ACTION', r: 'RESTRICT', c: 'CASCADE', n: 'SET NULL', d: 'SET DEFAULT' };
const RELKINDS: Record<string, TableType> = { r: 'table', v: 'view', m: 'materialized view', f: 'foreign table', p: 'partitioned table' };
const USER_SCHEMA = `n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg!_%' ESCAPE '!'`;

type ExtendedQuery = pg.QueryArrayConfig & { queryMode: 'extended' };

export class PostgresEngine implements Engine {
  readonly dialect = 'postgres' as const;
  readonly target: string;
  readonly #url: NetworkUrl;
  readonly #options: EngineOptions;
  readonly #logger: Logger | undefined;
  #readPool: pg.Pool | undefined;
  #writePool: pg.Pool | undefined;
  #defaultSchema = 'public';
  readonly #typeNames = new Map<number, string>();
  readonly #open = new Set<PgCursor>();

  constructor(url: NetworkUrl, options: EngineOptions, logger?: Logger) {
    this.#url = url;
    this.#options = options;
    this.#logger = logger;
    this.target = url.display;
  }

  defaultSchema(): string {
    return this.#defaultSchema;
  }

  #poolConfig(readOnly: boolean): pg.PoolConfig {
    const o = this.#options;
    const settings = readOnly
      ? `-c default_transaction_read_only=on -c statement_timeout=${timeoutSetting(o.statementTimeoutMs)} -c idle_in_transaction_session_timeout=${Math.floor(o.cursorIdleMs + 30_000)}`
      : '';
    const config: pg.PoolConfig = {
      connectionString: this.#url.href,
      max: o.poolSize,
      idleTimeoutMillis: o.idleTimeoutMs,
      connectionTimeoutMillis: o.connectTimeoutMs,
      application_name: 'mcpctl',
      ...(settings ? { options: settings } : {}),
    };
    if (o.tls) config.ssl = { ...o.tls };
    return config;
  }

  #createPool(readOnly: boolean): pg.Pool {
    const pool = new pg.Pool(this.#poolConfig(readOnly));
    // An idle connection the server closed must not crash the process.
    pool.on('error', (error) => this.#logger?.warn({ err: scrub(error.message, this.#url.secrets) }, 'idle PostgreSQL connection failed'));
    return pool;
  }

  #where(): string {
    const u = this.#url;
    return `PostgreSQL database "${u.database || u.user}" at ${u.host}:${u.port}`;
  }

  async connect(): Promise<void> {
    if (this.#readPool) return;
    const pool = this.#createPool(true);
    let client: pg.PoolClient;
    try {
      client = await pool.connect();
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw DB_CONNECT(this.#where(), this.#url.display, describeDriverError(error, this.#url.secrets), { cause: error });
    }
    try {
      const info = await client.query<{ schema: string | null; superuser: boolean; file_roles: boolean }>(
        `SELECT current_schema() AS schema, rolsuper AS superuser,
                pg_has_role(current_user, 'pg_execute_server_program', 'MEMBER') OR pg_has_role(current_user, 'pg_read_server_files', 'MEMBER') AS file_roles
           FROM pg_roles WHERE rolname = current_user`,
      );
      const row = info.rows[0];
      this.#defaultSchema = row?.schema ?? 'public';
      if (row?.superuser || row?.file_roles) {
        this.#logger?.warn(
          { database: this.#url.display },
          'connected as a role that can read server files or run programs (superuser or pg_execute_server_program/pg_read_server_files); read-only transactions do not stop those: connect as a less privileged role',
        );
      }
    } finally {
      client.release();
    }
    this.#readPool = pool;
    if (tierAllows(this.#options.access, 'write')) this.#writePool = this.#createPool(false);
  }

  async #checkout(pool: pg.Pool | undefined): Promise<pg.PoolClient> {
    if (!pool) throw new ToolError(ToolErrorCode.ACCESS_DENIED, 'This PostgreSQL server has no writable connection (access: read)');
    try {
      return await pool.connect();
    } catch (error) {
      throw connectionLost(describeDriverError(error, this.#url.secrets));
    }
  }

  /** A catalog query on the read pool (read-only sessions). */
  async #catalog<R extends pg.QueryResultRow>(text: string, values: unknown[]): Promise<R[]> {
    const client = await this.#checkout(this.#readPool);
    try {
      const result = await client.query<R>({ text, values });
      return result.rows;
    } catch (error) {
      throw this.toolError(error, text, this.#options.statementTimeoutMs);
    } finally {
      client.release();
    }
  }

  async listSchemas(schemas: string[] | undefined): Promise<SchemaInfo[]> {
    const rows = await this.#catalog<{ name: string; tables: number }>(
      `SELECT n.nspname AS name, count(c.oid) FILTER (WHERE c.relkind IN ('r', 'v', 'm', 'f', 'p'))::int AS tables
         FROM pg_namespace n LEFT JOIN pg_class c ON c.relnamespace = n.oid
        WHERE ${USER_SCHEMA} AND ($1::text[] IS NULL OR n.nspname = ANY($1))
        GROUP BY n.nspname ORDER BY n.nspname`,
      [schemas ?? null],
    );
    return rows.map((row) => ({ name: row.name, tables: Number(row.tables) }));
  }

  async listTables(schemas: string[] | undefined, only?: { schema: string; table: string }): Promise<TableInfo[]> {
    const rows = await this.#catalog<{ schema: string; name: string; kind: string; estimate: string | null; comment: string | null }>(
      `SELECT n.nspname AS schema, c.relname AS name, c.relkind AS kind,
              CASE WHEN c.relkind IN ('v') THEN NULL WHEN c.reltuples >= 0 THEN c.reltuples::bigint ELSE s.n_live_tup END AS estimate,
              obj_description(c.oid, 'pg_class') AS comment
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         LEFT JOIN pg_stat_all_tables s ON s.relid = c.oid
        WHERE c.relkind IN ('r', 'v', 'm', 'f', 'p') AND ${USER_SCHEMA}
          AND ($1::text[] IS NULL OR n.nspname = ANY($1))
          AND ($2::text IS NULL OR (n.nspname = $2 AND c.relname = $3))
        ORDER BY 1, 2`,
      [schemas ?? null, only?.schema ?? null, only?.table ?? null],
    );
    return rows.map((row) => ({
      schema: row.schema,
      name: row.name,
      type: RELKINDS[row.kind] ?? 'table',
      rowEstimate: row.estimate === null ? null : Number(row.estimate),
      ...(row.comment ? { comment: row.comment } : {}),
    }));
  }

  async describeTable(schema: string, table: string): Promise<TableDescription | undefined> {
    const [info] = await this.listTables([schema], { schema, table });
    if (!info) return undefined;
    const oid = `(SELECT c.oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relname = $2)`;
    const [columns, pk, fks, indexes] = await Promise.all([
      this.#catalog<{ name: string; type: string; nullable: boolean; dflt: string | null; comment: string | null }>(
        `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type, NOT a.attnotnull AS nullable,
                pg_get_expr(d.adbin, d.adrelid) AS dflt, col_description(a.attrelid, a.attnum) AS comment
           FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
          WHERE a.attrelid = ${oid} AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum`,
        [schema, table],
      ),
      this.#catalog<{ cols: string[] }>(
        `SELECT (SELECT array_agg(a.attname::text ORDER BY k.ord) FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ord)
                   JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum) AS cols
           FROM pg_constraint con WHERE con.conrelid = ${oid} AND con.contype = 'p'`,
        [schema, table],
      ),
      this.#catalog<{ name: string; cols: string[]; ref_schema: string; ref_table: string; ref_cols: string[]; upd: string; del: string }>(
        `SELECT con.conname AS name,
                (SELECT array_agg(a.attname::text ORDER BY k.ord) FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ord)
                   JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum) AS cols,
                fn.nspname AS ref_schema, fc.relname AS ref_table,
                (SELECT array_agg(a.attname::text ORDER BY k.ord) FROM unnest(con.confkey) WITH ORDINALITY k(attnum, ord)
                   JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum) AS ref_cols,
                con.confupdtype AS upd, con.confdeltype AS del
           FROM pg_constraint con JOIN pg_class fc ON fc.oid = con.confrelid JOIN pg_namespace fn ON fn.oid = fc.relnamespace
          WHERE con.conrelid = ${oid} AND con.contype = 'f' ORDER BY con.conname`,
        [schema, table],
      ),
      this.#catalog<{ name: string; uniq: boolean; prim: boolean; def: string; cols: string[] }>(
        `SELECT ic.relname AS name, i.indisunique AS uniq, i.indisprimary AS prim, pg_get_indexdef(i.indexrelid) AS def,
                (SELECT array_agg(coalesce(a.attname::text, '(expression)') ORDER BY k.ord)
                   FROM unnest(i.indkey::int2[]) WITH ORDINALITY k(attnum, ord)
                   LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum) AS cols
           FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid WHERE i.indrelid = ${oid} ORDER BY ic.relname`,
        [schema, table],
      ),
    ]);
    const primaryKey = pk[0]?.cols ?? [];
    return {
      ...info,
      columns: columns.map((col) => ({
        name: col.name,
        type: col.type,
        nullable: col.nullable,
        default: col.dflt,
        primaryKey: primaryKey.includes(col.name),
        ...(col.comment ? { comment: col.comment } : {}),
      })),
      primaryKey,
      foreignKeys: fks.map((fk) => ({
        name: fk.name,
        columns: fk.cols,
        references: { schema: fk.ref_schema, table: fk.ref_table, columns: fk.ref_cols },
        onUpdate: FK_ACTIONS[fk.upd] ?? fk.upd,
        onDelete: FK_ACTIONS[fk.del] ?? fk.del,
      })),
      indexes: indexes.map((index) => ({ name: index.name, columns: index.cols ?? [], unique: index.uniq, primary: index.prim, definition: index.def })),
    };
  }

  async searchObjects(request: SearchRequest): Promise<ObjectMatch[]> {
    const rows = await this.#catalog<{ kind: string; schema: string; name: string; tbl: string | null; typ: string | null }>(
      `SELECT * FROM (
         SELECT CASE WHEN c.relkind IN ('v', 'm') THEN 'view' ELSE 'table' END AS kind, n.nspname AS schema, c.relname AS name, NULL::text AS tbl, NULL::text AS typ
           FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE c.relkind IN ('r', 'v', 'm', 'f', 'p') AND ${USER_SCHEMA} AND ($2::text[] IS NULL OR n.nspname = ANY($2)) AND c.relname ILIKE $1 ESCAPE '!'
         UNION ALL
         SELECT 'column', n.nspname, a.attname::text, c.relname::text, format_type(a.atttypid, a.atttypmod)
           FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE 'column' = ANY($3) AND a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'v', 'm', 'f', 'p') AND ${USER_SCHEMA}
            AND ($2::text[] IS NULL OR n.nspname = ANY($2)) AND a.attname ILIKE $1 ESCAPE '!'
         UNION ALL
         SELECT 'function', n.nspname, p.proname::text, NULL, pg_get_function_result(p.oid)
           FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
          WHERE 'function' = ANY($3) AND ${USER_SCHEMA} AND ($2::text[] IS NULL OR n.nspname = ANY($2)) AND p.proname ILIKE $1 ESCAPE '!'
       ) o WHERE o.kind = ANY($3) ORDER BY kind, schema, tbl NULLS FIRST, name LIMIT $4 OFFSET $5`,
      [request.like, request.schemas ?? null, request.kinds, request.limit, request.offset],
    );
    return rows.map((row) => ({
      kind: row.kind as ObjectMatch['kind'],
      schema: row.schema,
      name: row.name,
      ...(row.tbl ? { table: row.tbl } : {}),
      ...(row.typ ? { type: row.typ } : {}),
    }));
  }

  async openQuery(sql: string, params: unknown[], options: StatementOptions): Promise<RowCursor> {
    const client = await this.#checkout(this.#readPool);
    try {
      await client.query(`BEGIN READ ONLY; SET LOCAL statement_timeout = ${timeoutSetting(options.timeoutMs)}`);
    } catch (error) {
      client.release(error instanceof Error ? error : true);
      throw this.toolError(error, sql, options.timeoutMs);
    }
    const cursor = client.query(new RowArrayCursor(sql, params));
    const handle = new PgCursor(this, client, cursor, sql, options.timeoutMs);
    this.#open.add(handle);
    return handle;
  }

  forget(cursor: PgCursor): void {
    this.#open.delete(cursor);
  }

  async columnInfo(fields: readonly pg.FieldDef[]): Promise<ColumnInfo[]> {
    const unknown = fields.map((f) => f.dataTypeID).filter((oid) => !builtinTypeName(oid) && !this.#typeNames.has(oid));
    if (unknown.length > 0) {
      try {
        const rows = await this.#catalog<{ oid: number; name: string }>('SELECT oid::int AS oid, format_type(oid, NULL) AS name FROM pg_type WHERE oid = ANY($1::oid[])', [unknown]);
        for (const row of rows) this.#typeNames.set(Number(row.oid), row.name);
      } catch {
        // Type names are a nicety: fall back to the OID.
      }
    }
    return fields.map((f) => ({ name: f.name, type: builtinTypeName(f.dataTypeID) ?? this.#typeNames.get(f.dataTypeID) ?? `oid:${f.dataTypeID}` }));
  }

  async cancel(processID: number): Promise<void> {
    // A separate short connection: the pool may be exhausted by the very query we cancel.
    const client = new pg.Client({ ...this.#poolConfig(true) });
    try {
      await client.connect();
      await client.query('SELECT pg_cancel_backend($1)', [processID]);
    } catch (error) {
      this.#logger?.warn({ err: describeDriverError(error, this.#url.secrets) }, 'could not cancel a PostgreSQL query');
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  async explain(sql: string, params: unknown[], options: ExplainOptions): Promise<ExplainResult> {
    // ANALYZE executes the statement: it runs on the write pool, and is always rolled back.
    const client = await this.#checkout(options.analyze ? this.#writePool : this.#readPool);
    const text = `EXPLAIN (${options.analyze ? 'ANALYZE, BUFFERS, ' : ''}FORMAT JSON) ${sql}`;
    try {
      await client.query(`BEGIN${options.analyze ? '' : ' READ ONLY'}; SET LOCAL statement_timeout = ${timeoutSetting(options.timeoutMs)}`);
      const query: ExtendedQuery = { text, values: params, rowMode: 'array', queryMode: 'extended' };
      const result = await this.withCancel(client, options.signal, () => client.query(query));
      await client.query('ROLLBACK');
      client.release();
      const plan = result.rows[0]?.[0];
      return { format: 'json', plan: typeof plan === 'string' ? JSON.parse(plan) : plan };
    } catch (error) {
      await this.#abandon(client);
      throw this.toolError(error, sql, options.timeoutMs, 'EXPLAIN ('.length + (options.analyze ? 'ANALYZE, BUFFERS, '.length : 0) + 'FORMAT JSON) '.length);
    }
  }

  async execute(sql: string, params: unknown[], options: ExecuteOptions): Promise<ExecuteResult> {
    const client = await this.#checkout(this.#writePool);
    try {
      await client.query(`BEGIN READ WRITE; SET LOCAL statement_timeout = ${timeoutSetting(options.timeoutMs)}`);
      const query: ExtendedQuery = { text: sql, values: params, rowMode: 'array', queryMode: 'extended', types: resultTypes };
      const result = await this.withCancel(client, options.signal, () => client.query(query));
      await client.query(options.dryRun ? 'ROLLBACK' : 'COMMIT');
      client.release();
      const rows = result.rows.slice(0, options.maxRows).map((row) => rowToJson(row));
      return {
        command: result.command ?? 'STATEMENT',
        rowCount: result.rowCount ?? 0,
        columns: await this.columnInfo(result.fields ?? []),
        rows,
        rowsTruncated: result.rows.length > options.maxRows,
      };
    } catch (error) {
      await this.#abandon(client);
      throw this.toolError(error, sql, options.timeoutMs);
    }
  }

  /** Roll back and return a client to the pool; a broken one is discarded. */
  async #abandon(client: pg.PoolClient): Promise<void> {
    try {
      await client.query('ROLLBACK');
      client.release();
    } catch (error) {
      client.release(error instanceof Error ? error : true);
    }
  }

  /** Run `work` on `client`; when `signal` aborts, cancel the backend's statement (pg_cancel_backend). */
  withCancel<T>(client: pg.PoolClient, signal: AbortSignal | undefined, work: () => Promise<T>): Promise<T> {
    const processID = (client as unknown as { processID: number | null }).processID;
    return cancelOnAbort(signal, () => {
      if (processID !== null) void this.cancel(processID);
    }, work);
  }

  /** A driver error as a tool error: SQL errors with code and position (shifted by `prefixLength` added before the user's SQL), timeouts, lost connections. */
  toolError(error: unknown, sql: string, timeoutMs: number, prefixLength = 0): ToolError {
    if (error instanceof ToolError) return error;
    const e = error as Partial<pg.DatabaseError> & { message?: string };
    if (typeof e.code !== 'string' || !/^[0-9A-Z]{5}$/.test(e.code)) return connectionLost(describeDriverError(error, this.#url.secrets));
    if (e.code === '57014' && /statement timeout/i.test(e.message ?? '')) return statementTimeout(timeoutMs);
    const position = e.position ? Number(e.position) - prefixLength : undefined;
    const hint = e.code === '25006' ? 'Read-tier statements run in a READ ONLY transaction; use the execute tool on a server with access: write.' : e.hint;
    return sqlError(
      {
        message: scrub(e.message ?? 'SQL error', this.#url.secrets),
        code: e.code,
        ...(position !== undefined && position > 0 ? { position } : {}),
        ...(e.detail ? { detail: scrub(e.detail, this.#url.secrets) } : {}),
        ...(hint ? { hint } : {}),
      },
      sql,
    );
  }

  async close(): Promise<void> {
    for (const cursor of [...this.#open]) await cursor.close();
    await Promise.all([this.#readPool?.end(), this.#writePool?.end()].map((p) => p?.catch(() => undefined)));
    this.#readPool = undefined;
    this.#writePool = undefined;
  }
}

class PgCursor implements RowCursor {
  #columns: ColumnInfo[] = [];
  #done = false;
  #closed = false;
  readonly #engine: PostgresEngine;
  readonly #client: pg.PoolClient;
  readonly #cursor: Cursor;
  readonly #sql: string;
  readonly #timeoutMs: number;

  constructor(engine: PostgresEngine, client: pg.PoolClient, cursor: Cursor, sql: string, timeoutMs: number) {
    this.#engine = engine;
    this.#client = client;
    this.#cursor = cursor;
    this.#sql = sql;
    this.#timeoutMs = timeoutMs;
  }

  get columns(): ColumnInfo[] {
    return this.#columns;
  }

  get done(): boolean {
    return this.#done;
  }

  async read(count: number, signal?: AbortSignal): Promise<Row[]> {
    if (this.#done) return [];
    try {
      const { rows, fields } = await this.#engine.withCancel(this.#client, signal, () =>
        new Promise<{ rows: unknown[][]; fields: pg.FieldDef[] }>((resolve, reject) => {
          this.#cursor.read(count, (error, rows, result) => (error ? reject(error) : resolve({ rows, fields: result.fields })));
        }),
      );
      if (this.#columns.length === 0 && fields.length > 0) this.#columns = await this.#engine.columnInfo(fields);
      // RowArrayCursor's rows are JSON values already, in a fresh array per read.
      if (rows.length < count) await this.#finish(undefined);
      return rows;
    } catch (error) {
      await this.#finish(error);
      throw this.#engine.toolError(error, this.#sql, this.#timeoutMs);
    }
  }

  async #finish(error: unknown): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#done = true;
    this.#engine.forget(this);
    // After a failed read the portal is gone with the statement: only the transaction is left to end.
    try {
      if (error === undefined) await new Promise<void>((resolve, reject) => this.#cursor.close((e) => (e ? reject(e) : resolve())));
      await this.#client.query('ROLLBACK');
      this.#client.release();
    } catch (closeError) {
      // A connection that cannot end its transaction is discarded, not returned to the pool.
      this.#client.release(closeError instanceof Error ? closeError : true);
    }
  }

  async close(): Promise<void> {
    await this.#finish(undefined);
  }
}

function timeoutSetting(ms: number): number {
  return Math.max(1, Math.floor(ms));
}

