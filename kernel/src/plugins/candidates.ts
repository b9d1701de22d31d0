import { readdirSync, readlinkSync, realpathSync, statSync, type Dirent } from 'node:fs';
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
  /** A link into the user folder's own store (see userFolderPackages): keyed by its target alone. */
  sealed?: boolean;
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
 * A sealed entry needs none: its real path is its folder-relative target.
 */
function userCandidate(realRoot: string, found: FolderEntry): PluginCandidate {
  if (found.sealedTarget !== undefined) return { source: 'user', request: found.dir, dir: found.dir, realDir: join(realRoot, found.sealedTarget), sealed: true };
  let realDir: string;
  try {
    realDir = realpathSync.native(found.dir);
  } catch {
    return { source: 'user', request: found.dir, dir: found.dir, ...(found.packageStamp ? { packageStamp: found.packageStamp } : {}) };
  }
  const source: PluginSource = realDir.startsWith(realRoot + sep) ? 'user' : 'linked';
  return { source, request: found.dir, dir: found.dir, realDir, ...(found.packageStamp ? { packageStamp: found.packageStamp } : {}) };
}

function looksLikePath(request: string): boolean {
  return request.startsWith('.') || request.startsWith('/') || isAbsolute(request);
}

interface FolderEntry {
  dir: string;
  packageStamp?: string;
  /** For a sealed entry: its link target, relative to the user folder. */
  sealedTarget?: string;
}

/**
 * Each `<dir>/<name>` and `<dir>/@scope/<name>` with a package.json (and
 * that file's stamp), sorted by name.
 *
 * A symbolic link whose relative target stays inside the folder's hidden
 * directories (`.store/<id>/…`, the layout `mcpctl plugins install` leaves)
 * is *sealed*: such a directory is written once under a name of its own and
 * never changed in place, since an install, update or link swaps the link
 * instead. It is read with one readlink and keyed by its target, with no
 * stat of its files; with hundreds of installed plugins that is most of what
 * `--help` spends on discovery. A plain directory or a link elsewhere is
 * stamped as usual, so edits show at once.
 */
function userFolderPackages(userDir: string): FolderEntry[] {
  const found: FolderEntry[] = [];
  const add = (parent: string, entry: Dirent, prefix: string): void => {
    const dir = join(parent, entry.name);
    const sealedTarget = entry.isSymbolicLink() ? sealedTargetOf(dir, prefix) : undefined;
    if (sealedTarget !== undefined) {
      found.push({ dir, sealedTarget });
      return;
    }
    const packageStamp = packageFileStamp(dir);
    if (packageStamp) found.push({ dir, packageStamp });
  };
  for (const entry of safeReaddir(userDir)) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    if (entry.name.startsWith('@')) {
      const scopeDir = join(userDir, entry.name);
      for (const scoped of safeReaddir(scopeDir)) add(scopeDir, scoped, entry.name);
    } else {
      add(userDir, entry, '');
    }
  }
  return found.sort((a, b) => (a.dir < b.dir ? -1 : a.dir > b.dir ? 1 : 0));
}

/** The folder-relative target of a link into one of the user folder's hidden directories, else undefined. */
function sealedTargetOf(link: string, scope: string): string | undefined {
  let target: string;
  try {
    target = readlinkSync(link);
  } catch {
    return undefined;
  }
  if (isAbsolute(target)) return undefined;
  const relative = join(scope, target);
  return relative.startsWith('.') && !relative.startsWith('..') && !relative.split(sep).includes('..') ? relative : undefined;
}

function safeReaddir(dir: string): Dirent[] {
  try {
    return readdirSync(dir, { withFileTypes: true });
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
