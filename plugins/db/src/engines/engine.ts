import type { AccessTier } from '@mcpctl/toolkit';
import type { Dialect } from '../sql/lexer.js';

/**
 * What every database engine offers the tools. Engines own the read-only
 * guarantee: `openQuery` and `explain` (without analyze) run where the
 * database itself refuses writes; `execute` runs in a transaction it
 * commits, or rolls back for a dry run.
 */

export interface ColumnInfo {
  name: string;
  /** The database's name for the type ("int4", "varchar", "INTEGER"…); "unknown" when the driver gives none. */
  type: string;
}

/** One row: JSON values, in column order. */
export type Row = unknown[];

/** Rows streamed from a server-side cursor, a page at a time. */
export interface RowCursor {
  readonly columns: ColumnInfo[];
  /** Up to `count` rows; fewer only when the result is exhausted. */
  read(count: number, signal?: AbortSignal): Promise<Row[]>;
  /** True once the result is exhausted. */
  readonly done: boolean;
  /** Release the cursor, its transaction and its connection. Safe to call twice. */
  close(): Promise<void>;
}

export interface StatementOptions {
  timeoutMs: number;
  signal?: AbortSignal;
}

export interface ExecuteOptions extends StatementOptions {
  /** The tier the server grants: write tier adds database-side guards destructive does not. */
  access: AccessTier;
  dryRun: boolean;
  /** Rows returned (RETURNING …) are capped at this many. */
  maxRows: number;
  /** The statement commits implicitly (MySQL DDL): run it outside a transaction. */
  implicitCommit?: boolean;
}

export interface ExecuteResult {
  /** The command tag or statement kind ("INSERT", "UPDATE"…). */
  command: string;
  rowCount: number;
  columns: ColumnInfo[];
  rows: Row[];
  /** True when more rows were returned than `maxRows`. */
  rowsTruncated: boolean;
}

export interface ExplainOptions extends StatementOptions {
  analyze: boolean;
}

export interface ExplainResult {
  format: 'json' | 'text';
  /** The plan as the database gives it: a JSON document or lines of text. */
  plan: unknown;
}

export interface SchemaInfo {
  name: string;
  /** Tables and views in it. */
  tables: number;
}

export type TableType = 'table' | 'view' | 'materialized view' | 'foreign table' | 'partitioned table';

export interface TableInfo {
  schema: string;
  name: string;
  type: TableType;
  /** The database's row estimate (statistics, not a count); null when it has none. */
  rowEstimate: number | null;
  comment?: string;
}

export interface ColumnDescription {
  name: string;
  type: string;
  nullable: boolean;
  default: string | null;
  primaryKey: boolean;
  comment?: string;
}

export interface ForeignKey {
  name: string;
  columns: string[];
  references: { schema: string; table: string; columns: string[] };
  onUpdate?: string;
  onDelete?: string;
}

export interface IndexInfo {
  name: string;
  columns: string[];
  unique: boolean;
  primary: boolean;
  definition?: string;
}

export interface TableDescription extends TableInfo {
  columns: ColumnDescription[];
  primaryKey: string[];
  foreignKeys: ForeignKey[];
  indexes: IndexInfo[];
}

export type ObjectKind = 'table' | 'view' | 'column' | 'function';

export interface ObjectMatch {
  kind: ObjectKind;
  schema: string;
  name: string;
  /** For columns: their table. */
  table?: string;
  /** For columns: their type; for functions: their result type. */
  type?: string;
}

export interface SearchRequest {
  /** A LIKE pattern (`%`, `_`), matched case-insensitively. */
  like: string;
  kinds: ObjectKind[];
  /** Allowed schemas (undefined: every schema the user can see). */
  schemas: string[] | undefined;
  limit: number;
  offset: number;
}

export interface Engine {
  readonly dialect: Dialect;
  /** The database, credentials masked ("postgres://app:***@db:5432/shop"). */
  readonly target: string;
  /** The schema unqualified names resolve to ("public", the MySQL database, "main"). */
  defaultSchema(): string;
  /** Open the pool and check the database answers. Throws MCPCTL_DB_CONNECT with the driver's reason. */
  connect(): Promise<void>;
  listSchemas(schemas: string[] | undefined): Promise<SchemaInfo[]>;
  listTables(schemas: string[] | undefined): Promise<TableInfo[]>;
  describeTable(schema: string, table: string): Promise<TableDescription | undefined>;
  searchObjects(request: SearchRequest): Promise<ObjectMatch[]>;
  /** Run a read-tier statement through a server-side cursor in a read-only transaction. */
  openQuery(sql: string, params: unknown[], options: StatementOptions): Promise<RowCursor>;
  explain(sql: string, params: unknown[], options: ExplainOptions): Promise<ExplainResult>;
  /** Run one write statement in a transaction: committed, or rolled back when `dryRun`. */
  execute(sql: string, params: unknown[], options: ExecuteOptions): Promise<ExecuteResult>;
  close(): Promise<void>;
}

/** TLS settings for network engines (PEM text, already read from files). */
export interface TlsSettings {
  rejectUnauthorized: boolean;
  ca?: string;
  cert?: string;
  key?: string;
  servername?: string;
}

/** What every engine is built with. */
export interface EngineOptions {
  /** The tier the entry grants: read-only engines never open a writable connection. */
  access: AccessTier;
  /** Connections per pool. */
  poolSize: number;
  /** How long an idle pooled connection is kept. */
  idleTimeoutMs: number;
  /** How long an open query cursor may sit idle between pages; the database ends the transaction soon after. */
  cursorIdleMs: number;
  connectTimeoutMs: number;
  /** Default limit for catalog queries; each call sets its own. */
  statementTimeoutMs: number;
  tls?: TlsSettings;
}
