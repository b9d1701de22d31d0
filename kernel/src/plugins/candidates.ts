import { readdirSync, readlinkSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, isAbsolute, join, resolve, sep } from 'node:path';
import type { PluginSource } from '../interfaces/plugin-record.js';
import { directoryStamp, regularFileStamp } from './file-stamp.js';

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

/**
 * Where the built-ins were resolved last time (the discovery cache keeps it),
 * by a key that changes whenever their resolution could (builtinResolutionKey).
 */
export interface BuiltinDirMemo {
  recallBuiltinDirs(key: string): readonly string[] | undefined;
  rememberBuiltinDirs(key: string, dirs: readonly string[]): void;
}

/** Lowest precedence first: a later source wins a duplicate name. */
export const SOURCE_PRECEDENCE: readonly PluginSource[] = ['builtin', 'config', 'user', 'linked', 'env'];

/**
 * Lists plugin candidates from every source, in precedence order (lowest
 * first). Safe mode keeps the built-ins only.
 */
export function listCandidates(sources: CandidateSources, memo?: BuiltinDirMemo): PluginCandidate[] {
  const candidates = builtinCandidates(sources, memo);
  if (sources.safeMode) return candidates;
  candidates.push(...sources.configPlugins.map((request) => resolveConfigRequest(request, sources)));
  const userRoot = realUserDir(sources.userDir);
  candidates.push(...userFolderPackages(sources.userDir).map((found) => userCandidate(userRoot, found)));
  const envEntries = (sources.envList ?? '').split(delimiter).filter(Boolean);
  candidates.push(...envEntries.map((entry) => resolveRequest(entry, 'env', process.cwd())));
  return candidates;
}

/**
 * The built-ins, resolved from the CLI package as Node would. Resolving a
 * handful of packages costs several milliseconds of every command's start
 * (the first resolution warms up Node's CommonJS resolver), so the
 * directories found are remembered under builtinResolutionKey; a failed
 * resolution is not remembered, so its error shows every time.
 */
function builtinCandidates(sources: CandidateSources, memo: BuiltinDirMemo | undefined): PluginCandidate[] {
  const { builtins, builtinBase } = sources;
  const key = memo && builtins.length > 0 ? builtinResolutionKey(builtins, builtinBase) : undefined;
  const known = key === undefined ? undefined : memo!.recallBuiltinDirs(key);
  if (known?.length === builtins.length) return builtins.map((name, index) => ({ source: 'builtin', request: name, dir: known[index]! }));
  const resolved = builtins.map((name) => resolveRequest(name, 'builtin', builtinBase));
  if (key !== undefined && resolved.every((candidate) => candidate.dir)) memo!.rememberBuiltinDirs(key, resolved.map((candidate) => candidate.dir!));
  return resolved;
}

/**
 * What decides where Node resolves `names` from `base`: the names, NODE_PATH,
 * and the mtime of each node_modules directory on the way up to the root
 * (and of the `@scope` directories in it that the names live in). Installing,
 * removing, moving or relinking a package in one of them changes that
 * directory's mtime; a package updated in place keeps its directory, and its
 * package.json stamp invalidates its discovery entry as usual.
 */
export function builtinResolutionKey(names: readonly string[], base: string, nodePath = process.env.NODE_PATH ?? ''): string {
  const scopes = [...new Set(names.filter((name) => name.startsWith('@')).map((name) => name.split('/')[0]!))];
  const parts = [base, names.join(','), nodePath];
  for (let dir = resolve(base); ; dir = dirname(dir)) {
    const modules = join(dir, 'node_modules');
    const stamp = directoryStamp(modules);
    parts.push(stamp);
    if (stamp !== '-') for (const scope of scopes) parts.push(directoryStamp(join(modules, scope)));
    if (dirname(dir) === dir) break;
  }
  return parts.join('|');
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
  return regularFileStamp(join(installed, 'package.json')) !== undefined ? { source: 'config', request, dir: installed } : { ...fromConfigDir, request };
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
  // Concatenated, not join()ed: the target is already normal (sealedTargetOf), and this runs per plugin.
  if (found.sealedTarget !== undefined) return { source: 'user', request: found.dir, dir: found.dir, realDir: `${realRoot}${sep}${found.sealedTarget}`, sealed: true };
  const candidate: PluginCandidate = { source: 'user', request: found.dir, dir: found.dir, ...(found.packageStamp ? { packageStamp: found.packageStamp } : {}) };
  try {
    const realDir = realpathSync.native(found.dir);
    return { ...candidate, realDir, source: realDir.startsWith(realRoot + sep) ? 'user' : 'linked' };
  } catch {
    return candidate;
  }
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
  const add = (parent: string, entry: Dirent, inScope: boolean): void => {
    const dir = `${parent}${sep}${entry.name}`;
    const sealedTarget = entry.isSymbolicLink() ? sealedTargetOf(dir, inScope) : undefined;
    if (sealedTarget !== undefined) {
      found.push({ dir, sealedTarget });
      return;
    }
    const packageStamp = regularFileStamp(`${dir}${sep}package.json`);
    if (packageStamp) found.push({ dir, packageStamp });
  };
  for (const entry of safeReaddir(userDir)) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    if (entry.name.startsWith('@')) {
      const scopeDir = `${userDir}${sep}${entry.name}`;
      for (const scoped of safeReaddir(scopeDir)) add(scopeDir, scoped, true);
    } else {
      add(userDir, entry, false);
    }
  }
  return found.sort((a, b) => (a.dir < b.dir ? -1 : a.dir > b.dir ? 1 : 0));
}

/**
 * The folder-relative target of a link into one of the user folder's hidden
 * directories, else undefined. `.store/<id>/…` from `<folder>/<name>`,
 * `../.store/<id>/…` from `<folder>/@scope/<name>`; a target with any `..`
 * beyond that, or in a form the installer does not write, is not sealed (and
 * is then stamped like any other entry).
 */
function sealedTargetOf(link: string, inScope: boolean): string | undefined {
  let target: string;
  try {
    target = readlinkSync(link);
  } catch {
    return undefined;
  }
  if (inScope) {
    if (!target.startsWith(`..${sep}`)) return undefined;
    target = target.slice(3);
  }
  return target.startsWith('.') && !target.startsWith(`.${sep}`) && !target.includes('..') ? target : undefined;
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
