import { readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { CONFIG_SEARCH_PLACES } from './config/search-places.js';

export { CONFIG_SEARCH_PLACES };

export interface LocateOptions {
  cwd: string;
  /** --config or MCPCTL_CONFIG: used as is, no search. */
  explicitPath?: string;
  /** Stop after this directory (the user's home); the filesystem root otherwise. */
  stopDir?: string;
  /** The global config directory ($XDG_CONFIG_HOME/mcpctl), searched last. */
  globalDir: string;
}

/**
 * Finds the config file by stat calls alone (no parsing library is loaded),
 * in CONFIG_SEARCH_PLACES order:
 * each directory from cwd up to the home directory, then the global config
 * directory. A package.json counts only when it has an `mcpctl` field.
 */
export function locateConfigFile(options: LocateOptions): string | undefined {
  if (options.explicitPath) return resolve(options.cwd, options.explicitPath);
  const stop = options.stopDir ? resolve(options.stopDir) : undefined;
  let dir = resolve(options.cwd);
  for (;;) {
    const found = findIn(dir);
    if (found) return found;
    const parent = dirname(dir);
    if (dir === stop || parent === dir) break;
    dir = parent;
  }
  return findIn(options.globalDir);
}

function findIn(dir: string): string | undefined {
  for (const place of CONFIG_SEARCH_PLACES) {
    const path = join(dir, place);
    if (!isFile(path)) continue;
    if (place !== 'package.json' || hasMcpctlField(path)) return path;
  }
  return undefined;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function hasMcpctlField(path: string): boolean {
  try {
    return typeof (JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>).mcpctl === 'object';
  } catch {
    return false;
  }
}
