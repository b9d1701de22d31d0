import { readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { CONFIG_SEARCH_PLACES } from './config/search-places.js';
import { homeDirectory } from './paths.js';

export interface SearchOptions {
  cwd: string;
  /** The last directory searched going up; default: the home directory (`HOME` in env, when set and not empty). */
  stopDir?: string;
  /** The global config directory ($XDG_CONFIG_HOME/mcpctl), searched last. */
  globalDir?: string;
  env?: Readonly<Record<string, string | undefined>>;
}

export interface LocateOptions extends SearchOptions {
  /** --config or MCPCTL_CONFIG: used as is, no search. */
  explicitPath?: string;
}

/** Where a config is looked for, in order: cwd, its parents up to the stop directory, then the global directory. */
export function searchDirectories(options: SearchOptions): string[] {
  const stop = resolve(options.stopDir ?? homeDirectory(options.env ?? {}));
  const dirs: string[] = [];
  let dir = resolve(options.cwd);
  for (;;) {
    dirs.push(dir);
    const parent = dirname(dir);
    if (dir === stop || parent === dir) break;
    dir = parent;
  }
  if (options.globalDir !== undefined) dirs.push(resolve(options.globalDir));
  return dirs;
}

/**
 * Finds the config file by stat calls alone (no parsing library is loaded):
 * in each of searchDirectories(), the first of CONFIG_SEARCH_PLACES that
 * exists. A package.json counts only when it has an `mcpctl` field.
 */
export function locateConfigFile(options: LocateOptions): string | undefined {
  if (options.explicitPath) return resolve(options.cwd, options.explicitPath);
  for (const dir of searchDirectories(options)) {
    const found = findIn(dir);
    if (found) return found;
  }
  return undefined;
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

/**
 * A package.json holds a config when it has an `mcpctl` object. One that is
 * not valid JSON but names an `mcpctl` key is picked too, so that loading it
 * reports the syntax error (file:line:column) rather than skipping the config.
 */
function hasMcpctlField(path: string): boolean {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return false;
  }
  try {
    return typeof (JSON.parse(text) as Record<string, unknown>).mcpctl === 'object';
  } catch {
    return /"mcpctl"\s*:/.test(text);
  }
}
