import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { allowingYoungGrowth, ToolError, ToolErrorCode, workerResourceLimits } from '@mcpctl/toolkit';
import { cursorExpired, statementTimeout } from '../tool-errors.js';
import type { SqliteUrl } from '../url.js';
import type {
  ColumnInfo, Engine, EngineOptions, ExecuteOptions, ExecuteResult, ExplainOptions, ExplainResult, ObjectMatch, Row, RowCursor,
  SchemaInfo, SearchRequest, StatementOptions, TableDescription, TableInfo,
} from './engine.js';
import { deserializeError, type Method, type Response, type WorkerInit } from './sqlite-protocol.js';

/**
 * SQLite, run in a worker thread. node:sqlite is synchronous and has no way
 * to interrupt a statement, so a runaway query would block the whole server;
 * here every request has a deadline, and a request past it terminates the
 * worker (the statement dies with it) and fails with the timeout error. The
 * next call starts a fresh worker. Open cursors of a terminated worker are
 * gone (`DB_CURSOR_EXPIRED`); an in-memory database is lost with it.
 */

/** Time past the statement limit before the worker is terminated (the worker's own between-rows check answers first when it can). */
const GRACE_MS = 250;

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout | undefined;
}

function workerFile(): URL {
  // From compiled output the worker sits beside this file; when this file runs from TypeScript sources (tests), use the build.
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.js')) return new URL('./sqlite-worker.js', import.meta.url);
  const built = new URL('../../dist/engines/sqlite-worker.js', import.meta.url);
  if (!existsSync(built)) throw new Error(`The SQLite worker is not built (${fileURLToPath(built)}): run \`npx tsc -b plugins/db\``);
  return built;
}

export class SqliteEngine implements Engine {
  readonly dialect = 'sqlite' as const;
  readonly target: string;
  readonly #init: WorkerInit;
  #worker: Worker | undefined;
  /** Bumped whenever a worker is replaced: cursors remember the generation they belong to. */
  #generation = 0;
  #nextId = 1;
  readonly #pending = new Map<number, Pending>();

  constructor(url: SqliteUrl, options: EngineOptions) {
    this.#init = { url, options };
    this.target = url.display;
  }

  defaultSchema(): string {
    return 'main';
  }

  async connect(): Promise<void> {
    await this.#ensureWorker();
  }

  #spawn(): Worker {
    const limits = workerResourceLimits();
    const worker = new Worker(workerFile(), { workerData: this.#init, ...(limits ? { resourceLimits: limits } : {}) });
    worker.unref();
    worker.on('message', (response: Response) => {
      const pending = this.#pending.get(response.id);
      if (!pending) return;
      this.#pending.delete(response.id);
      clearTimeout(pending.timer);
      if (response.ok) pending.resolve(response.value);
      else pending.reject(deserializeError(response.error));
    });
    worker.on('error', (error) => this.#discard(worker, new ToolError(ToolErrorCode.INTERNAL, `The SQLite worker failed: ${error.message}`)));
    worker.on('exit', (code) => this.#discard(worker, new ToolError(ToolErrorCode.INTERNAL, `The SQLite worker exited (code ${code})`)));
    return worker;
  }

  /** Forget `worker` if it is the current one: its cursors expire and every request in it fails with `reason`. False when it was already replaced. */
  #discard(worker: Worker, reason: Error): boolean {
    if (this.#worker !== worker) return false;
    this.#worker = undefined;
    this.#generation++;
    for (const [id, pending] of this.#pending) {
      clearTimeout(pending.timer);
      pending.reject(reason);
      this.#pending.delete(id);
    }
    return true;
  }

  /** Terminate the worker: every request in it fails with `reason`. */
  #stop(reason: Error): void {
    const worker = this.#worker;
    if (worker && this.#discard(worker, reason)) void worker.terminate();
  }

  /** The worker, started (it loads its modules and opens the database before anything else) when there is none. */
  async #ensureWorker(): Promise<Worker> {
    if (this.#worker) return this.#worker;
    const worker = this.#spawn();
    this.#worker = worker;
    await allowingYoungGrowth(() => this.#post(worker, 'connect', [], this.#init.options.connectTimeoutMs));
    return worker;
  }

  async #call<T>(method: Method, args: unknown[], timeoutMs: number, signal?: AbortSignal): Promise<T> {
    const worker = await this.#ensureWorker();
    return this.#post<T>(worker, method, args, timeoutMs, signal);
  }

  #post<T>(worker: Worker, method: Method, args: unknown[], timeoutMs: number, signal?: AbortSignal): Promise<T> {
    if (signal?.aborted) return Promise.reject(new ToolError(ToolErrorCode.CANCELLED, 'Cancelled'));
    const id = this.#nextId++;
    // The worker keeps the process alive only while it has work: idle, it must not hold a finished CLI open.
    worker.ref();
    const settled = (): void => {
      if (this.#pending.size === 0) worker.unref();
    };
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => this.#stop(statementTimeout(timeoutMs)), timeoutMs + GRACE_MS);
      timer.unref();
      const onAbort = (): void => this.#stop(new ToolError(ToolErrorCode.CANCELLED, 'The statement was cancelled by the client'));
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#pending.set(id, {
        resolve: (value) => {
          signal?.removeEventListener('abort', onAbort);
          settled();
          resolve(value as T);
        },
        reject: (error) => {
          signal?.removeEventListener('abort', onAbort);
          settled();
          reject(error);
        },
        timer,
      });
      worker.postMessage({ id, method, args });
    });
  }

  listSchemas(schemas: string[] | undefined): Promise<SchemaInfo[]> {
    return this.#call('listSchemas', [schemas], this.#init.options.statementTimeoutMs);
  }

  listTables(schemas: string[] | undefined): Promise<TableInfo[]> {
    return this.#call('listTables', [schemas], this.#init.options.statementTimeoutMs);
  }

  describeTable(schema: string, table: string): Promise<TableDescription | undefined> {
    return this.#call('describeTable', [schema, table], this.#init.options.statementTimeoutMs);
  }

  searchObjects(request: SearchRequest): Promise<ObjectMatch[]> {
    return this.#call('searchObjects', [request], this.#init.options.statementTimeoutMs);
  }

  async openQuery(sql: string, params: unknown[], options: StatementOptions): Promise<RowCursor> {
    const opened = await this.#call<{ id: number; columns: ColumnInfo[]; done: boolean }>('openQuery', [sql, params, options.timeoutMs], options.timeoutMs, options.signal);
    return new WorkerCursor(this, this.#generation, opened.id, opened.columns, opened.done, options.timeoutMs);
  }

  /** For WorkerCursor: a request about a cursor of `generation` (refused once that worker is gone). */
  cursorCall<T>(generation: number, method: 'read' | 'closeCursor', args: unknown[], timeoutMs: number, signal?: AbortSignal): Promise<T> {
    if (generation !== this.#generation || !this.#worker) return Promise.reject(cursorExpired());
    return this.#post<T>(this.#worker, method, args, timeoutMs, signal);
  }

  explain(sql: string, params: unknown[], options: ExplainOptions): Promise<ExplainResult> {
    return this.#call('explain', [sql, params, { analyze: options.analyze, timeoutMs: options.timeoutMs }], options.timeoutMs, options.signal);
  }

  execute(sql: string, params: unknown[], options: ExecuteOptions): Promise<ExecuteResult> {
    const { signal, ...rest } = options;
    return this.#call('execute', [sql, params, rest], options.timeoutMs, signal);
  }

  async close(): Promise<void> {
    const worker = this.#worker;
    if (!worker) return;
    try {
      await this.#post(worker, 'close', [], 5_000);
    } catch {
      // Closing anyway.
    }
    this.#worker = undefined;
    this.#generation++;
    await worker.terminate();
  }
}

class WorkerCursor implements RowCursor {
  readonly columns: ColumnInfo[];
  #done: boolean;
  readonly #engine: SqliteEngine;
  readonly #generation: number;
  readonly #id: number;
  readonly #timeoutMs: number;

  constructor(engine: SqliteEngine, generation: number, id: number, columns: ColumnInfo[], done: boolean, timeoutMs: number) {
    this.#engine = engine;
    this.#generation = generation;
    this.#id = id;
    this.columns = columns;
    this.#done = done;
    this.#timeoutMs = timeoutMs;
  }

  get done(): boolean {
    return this.#done;
  }

  async read(count: number, signal?: AbortSignal): Promise<Row[]> {
    if (this.#done) return [];
    try {
      const page = await this.#engine.cursorCall<{ rows: Row[]; done: boolean }>(this.#generation, 'read', [this.#id, count], this.#timeoutMs, signal);
      this.#done = page.done;
      return page.rows;
    } catch (error) {
      this.#done = true;
      throw error;
    }
  }

  async close(): Promise<void> {
    if (this.#done) return;
    this.#done = true;
    await this.#engine.cursorCall(this.#generation, 'closeCursor', [this.#id], 5_000).catch(() => undefined);
  }
}
