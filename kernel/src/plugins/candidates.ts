import { readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, isAbsolute, join, resolve } from 'node:path';
import type { PluginSource } from '../interfaces/plugin.js';

/** A place a plugin may be: resolved to a directory, or why it could not be. */
export interface PluginCandidate {
  source: PluginSource;
  /** What was asked for: a package name or a path. */
  request: string;
  dir?: string;
  resolveError?: string;
}

export interface CandidateSources {
  /** Package names of the plugins that ship with the CLI. */
  builtins: string[];
  /** Directory the built-in names are resolved from (the CLI package). */
  builtinBase: string;
  /** The config's `plugins:` list and the directory of the config file. */
  configPlugins: string[];
  configDir: string;
  /** The user plugin folder. */
  userDir: string;
  /** MCPCTL_PLUGINS: a path-list (':' on POSIX) of plugin directories. */
  envList: string | undefined;
  safeMode: boolean;
}

/** Lowest precedence first: a later source wins a duplicate name. */
export const SOURCE_PRECEDENCE: readonly PluginSource[] = ['builtin', 'config', 'user', 'env'];

/**
 * Lists plugin candidates from every source, in precedence order (lowest
 * first). Safe mode keeps the built-ins only.
 */
export function listCandidates(sources: CandidateSources): PluginCandidate[] {
  const candidates: PluginCandidate[] = sources.builtins.map((name) => resolveRequest(name, 'builtin', sources.builtinBase));
  if (sources.safeMode) return candidates;
  candidates.push(...sources.configPlugins.map((request) => resolveRequest(request, 'config', sources.configDir)));
  candidates.push(...userFolderPackages(sources.userDir).map((dir) => ({ source: 'user' as const, request: dir, dir })));
  const envEntries = (sources.envList ?? '').split(delimiter).filter(Boolean);
  candidates.push(...envEntries.map((entry) => resolveRequest(entry, 'env', process.cwd())));
  return candidates;
}

function resolveRequest(request: string, source: PluginSource, baseDir: string): PluginCandidate {
  if (looksLikePath(request)) {
    const dir = isAbsolute(request) ? request : resolve(baseDir, request);
    return isDirectory(dir) ? { source, request, dir } : { source, request, resolveError: `no directory at ${dir}` };
  }
  try {
    const require = createRequire(join(baseDir, 'noop.js'));
    return { source, request, dir: dirname(require.resolve(`${request}/package.json`)) };
  } catch (error) {
    return { source, request, resolveError: error instanceof Error ? error.message.split('\n')[0] ?? error.message : String(error) };
  }
}

function looksLikePath(request: string): boolean {
  return request.startsWith('.') || request.startsWith('/') || isAbsolute(request);
}

/** Each `<dir>/<name>` and `<dir>/@scope/<name>` with a package.json, sorted by name. */
function userFolderPackages(userDir: string): string[] {
  const found: string[] = [];
  for (const entry of safeReaddir(userDir)) {
    if (entry.startsWith('.') || entry === 'node_modules') continue;
    const path = join(userDir, entry);
    if (entry.startsWith('@')) {
      for (const scoped of safeReaddir(path)) if (isPackage(join(path, scoped))) found.push(join(path, scoped));
    } else if (isPackage(path)) {
      found.push(path);
    }
  }
  return found.sort();
}

function safeReaddir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function isPackage(dir: string): boolean {
  try {
    return statSync(join(dir, 'package.json')).isFile();
  } catch {
    return false;
  }
}
