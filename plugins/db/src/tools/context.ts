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
