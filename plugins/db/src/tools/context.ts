import type { Engine } from '../engines/engine.js';
import type { CursorRegistry } from '../cursor-registry.js';
import type { DbOptions } from '../options.js';

/** What every db tool shares: the engine, the entry's options and the open cursors. */
export interface DbToolContext {
  readonly engine: Engine;
  readonly options: DbOptions;
  readonly cursors: CursorRegistry;
  readonly serverName: string;
}

/** The toolkit's per-call timeout for statement tools: a little past the database's own, so the database's clearer message wins. */
export function callTimeoutMs(options: DbOptions): number {
  return options.statementTimeoutMs + 5_000;
}
