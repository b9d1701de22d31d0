import type { Logger } from '@mcpctl/kernel';
import type { DbUrl } from '../url.js';
import type { Engine, EngineOptions } from './engine.js';

/** Build the engine for a URL, importing only that engine's driver. */
export async function createEngine(url: DbUrl, options: EngineOptions, logger?: Logger): Promise<Engine> {
  switch (url.engine) {
    case 'sqlite': {
      const { SqliteEngine } = await import('./sqlite.js');
      return new SqliteEngine(url, options);
    }
    case 'postgres': {
      const { PostgresEngine } = await import('./postgres.js');
      return new PostgresEngine(url, options, logger);
    }
    case 'mysql': {
      const { MysqlEngine } = await import('./mysql.js');
      return new MysqlEngine(url, options, logger);
    }
  }
}
