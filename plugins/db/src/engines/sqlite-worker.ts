import { parentPort, workerData } from 'node:worker_threads';
import type { RowCursor } from './engine.js';
import { SqliteDirectEngine } from './sqlite-direct.js';
import { serializeError, type Request, type Response, type WorkerInit } from './sqlite-protocol.js';

/**
 * The SQLite worker: owns the connections and open cursors, answers one
 * request at a time. Its owner terminates it when a statement runs past its
 * time limit — the only way to stop node:sqlite mid-step.
 */

const port = parentPort;
if (!port) throw new Error('sqlite-worker.js must run as a worker thread');
const { url, options } = workerData as WorkerInit;
const engine = new SqliteDirectEngine(url, options);
const cursors = new Map<number, RowCursor>();
let nextCursor = 1;

async function handle(request: Request): Promise<unknown> {
  const a = request.args;
  switch (request.method) {
    case 'connect':
      return engine.connect();
    case 'listSchemas':
      return engine.listSchemas(a[0] as string[] | undefined);
    case 'listTables':
      return engine.listTables(a[0] as string[] | undefined);
    case 'describeTable':
      return engine.describeTable(a[0] as string, a[1] as string);
    case 'searchObjects':
      return engine.searchObjects(a[0] as Parameters<SqliteDirectEngine['searchObjects']>[0]);
    case 'openQuery': {
      const cursor = await engine.openQuery(a[0] as string, a[1] as unknown[], { timeoutMs: a[2] as number });
      const id = nextCursor++;
      if (!cursor.done) cursors.set(id, cursor);
      return { id, columns: cursor.columns, done: cursor.done };
    }
    case 'read': {
      const cursor = cursors.get(a[0] as number);
      if (!cursor) return { rows: [], done: true };
      const rows = await cursor.read(a[1] as number);
      if (cursor.done) cursors.delete(a[0] as number);
      return { rows, done: cursor.done };
    }
    case 'closeCursor': {
      const cursor = cursors.get(a[0] as number);
      cursors.delete(a[0] as number);
      return cursor?.close();
    }
    case 'explain':
      return engine.explain(a[0] as string, a[1] as unknown[], a[2] as Parameters<SqliteDirectEngine['explain']>[2]);
    case 'execute':
      return engine.execute(a[0] as string, a[1] as unknown[], a[2] as Parameters<SqliteDirectEngine['execute']>[2]);
    case 'close':
      cursors.clear();
      return engine.close();
  }
}

port.on('message', (request: Request) => {
  handle(request).then(
    (value) => port.postMessage({ id: request.id, ok: true, value: value ?? null } satisfies Response),
    (error: unknown) => port.postMessage({ id: request.id, ok: false, error: serializeError(error) } satisfies Response),
  );
});
