import { readdirSync, realpathSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, isAbsolute, join, resolve, sep } from 'node:path';
import type { PluginSource } from '../interfaces/plugin-record.js';

/** A place a plugin may be: resolved to a directory, or why it could not be. */
export interface PluginCandidate {
  source: PluginSource;
  /** What was asked for: a package name or a path. */
  request: string;
  dir?: string;
  /** The directory's real path and its package.json's stamp, when listing already read them (the cache key reuses them). */
  realDir?: string;
  packageStamp?: string;
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
export const SOURCE_PRECEDENCE: readonly PluginSource[] = ['builtin', 'config', 'user', 'linked', 'env'];

/**
 * Lists plugin candidates from every source, in precedence order (lowest
 * first). Safe mode keeps the built-ins only.
 */
export function listCandidates(sources: CandidateSources): PluginCandidate[] {
  const candidates: PluginCandidate[] = sources.builtins.map((name) => resolveRequest(name, 'builtin', sources.builtinBase));
  if (sources.safeMode) return candidates;
  candidates.push(...sources.configPlugins.map((request) => resolveConfigRequest(request, sources)));
  const userRoot = realUserDir(sources.userDir);
  candidates.push(...userFolderPackages(sources.userDir).map((found) => userCandidate(userRoot, found)));
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

/**
 * A config entry may name a package with a range (`name@^1.2.0`, what
 * `mcpctl plugins install` installs): resolved from the config's directory
 * first, then from the user plugin folder.
 */
function resolveConfigRequest(request: string, sources: CandidateSources): PluginCandidate {
  if (looksLikePath(request)) return resolveRequest(request, 'config', sources.configDir);
  const name = packageNameOf(request);
  const fromConfigDir = resolveRequest(name, 'config', sources.configDir);
  if (fromConfigDir.dir) return { ...fromConfigDir, request };
  const installed = join(sources.userDir, name);
  return isPackage(installed) ? { source: 'config', request, dir: installed } : { ...fromConfigDir, request };
}

/** `name` from `name`, `name@range`, `@scope/name` or `@scope/name@range`. */
export function packageNameOf(request: string): string {
  const at = request.indexOf('@', request.startsWith('@') ? 1 : 0);
  return at > 0 ? request.slice(0, at) : request;
}

function realUserDir(userDir: string): string {
  try {
    return realpathSync.native(userDir);
  } catch {
    return userDir;
  }
}

/**
 * A user-folder entry: one whose real path lies outside the user folder is a
 * symbolic link to a working copy (`linked`). One realpath per plugin, reused
 * by the cache key: with hundreds of plugins every syscall shows in `--help`.
 */
function userCandidate(realRoot: string, found: { dir: string; packageStamp: string }): PluginCandidate {
  let realDir: string;
  try {
    realDir = realpathSync.native(found.dir);
  } catch {
    return { source: 'user', request: found.dir, dir: found.dir, packageStamp: found.packageStamp };
  }
  const source: PluginSource = realDir.startsWith(realRoot + sep) ? 'user' : 'linked';
  return { source, request: found.dir, dir: found.dir, realDir, packageStamp: found.packageStamp };
}

function looksLikePath(request: string): boolean {
  return request.startsWith('.') || request.startsWith('/') || isAbsolute(request);
}

/** Each `<dir>/<name>` and `<dir>/@scope/<name>` with a package.json (and that file's stamp), sorted by name. */
function userFolderPackages(userDir: string): Array<{ dir: string; packageStamp: string }> {
  const found: Array<{ dir: string; packageStamp: string }> = [];
  const add = (dir: string): void => {
    const packageStamp = packageFileStamp(dir);
    if (packageStamp) found.push({ dir, packageStamp });
  };
  for (const entry of safeReaddir(userDir)) {
    if (entry.startsWith('.') || entry === 'node_modules') continue;
    const path = join(userDir, entry);
    if (entry.startsWith('@')) {
      for (const scoped of safeReaddir(path)) add(join(path, scoped));
    } else {
      add(path);
    }
  }
  return found.sort((a, b) => (a.dir < b.dir ? -1 : a.dir > b.dir ? 1 : 0));
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

/** The stamp of `<dir>/package.json` (as the discovery cache keys it), or undefined when there is none. */
function packageFileStamp(dir: string): string | undefined {
  try {
    const stat = statSync(join(dir, 'package.json'));
    return stat.isFile() ? `${stat.mtimeMs}:${stat.size}` : undefined;
  } catch {
    return undefined;
  }
}

function isPackage(dir: string): boolean {
  try {
    return statSync(join(dir, 'package.json')).isFile();
  } catch {
    return false;
  }
}
