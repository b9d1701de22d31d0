import { closeSync, fstatSync, lstatSync, mkdirSync, openSync, realpathSync, type Stats } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { tierAllows, ToolError, ToolErrorCode, type AccessTier } from '@mcpctl/toolkit';
import { fsError, FsErrorCode } from '../errors.js';
import type { FsOptions, FsRoot } from '../options.js';
import { atPath, closeQuietly, fdRealPath, O_DIRECTORY, O_NOFOLLOW, O_NONBLOCK, O_PATH, O_RDONLY, openAt, procFd, reopen } from './fd.js';
import { absolutize, isInside, relativeTo } from './paths.js';

/** A path the sandbox has checked. */
export interface Resolved {
  /** The root it lies in. */
  root: FsRoot;
  /** Absolute, symlink-free path (for a missing target: its real parent plus the new name(s)). */
  path: string;
  /** Relative to the root, `/`-separated; '' for the root. */
  relative: string;
  /** What the caller asked for, for messages. */
  shown: string;
  /** lstat of the target, or undefined when it does not exist. */
  stats: Stats | undefined;
}

export interface ResolveOptions {
  /** The tier the operation needs on this path. */
  needs: AccessTier;
  /** The operation, for messages ("write", "read_text"). */
  what: string;
  /** Accept a path that does not exist yet (its parent must, unless `createParents`). */
  allowMissing?: boolean;
  /** Act on a symlink itself rather than its target (stat, delete, move): only the parent is resolved. */
  noFollowFinal?: boolean;
}

/**
 * The only way tools reach the filesystem. A path is resolved against the
 * effective roots, checked lexically (`..`, sibling prefixes), against the
 * deny list, and after realpath (symlinks); opening it re-checks the opened
 * descriptor itself, so a path swapped between check and use is caught.
 */
export class Sandbox {
  readonly roots: readonly FsRoot[];
  readonly options: FsOptions;
  readonly serverName: string;

  constructor(roots: readonly FsRoot[], options: FsOptions, serverName: string) {
    this.roots = roots;
    this.options = options;
    this.serverName = serverName;
  }

  /** Relative paths resolve against the first root. */
  get base(): FsRoot {
    const first = this.roots[0];
    if (!first) {
      throw new ToolError(FsErrorCode.NO_ROOTS, `Server ${this.serverName} has no roots this client may use`, {
        hint: 'The client\'s roots (MCP roots) do not overlap the configured roots; a client can narrow access, never widen it.',
      });
    }
    return first;
  }

  /** The root holding an absolute path (the most specific one), if any. */
  rootOf(path: string): FsRoot | undefined {
    let best: FsRoot | undefined;
    for (const root of this.roots) if (isInside(path, root.path) && (!best || root.path.length > best.path.length)) best = root;
    return best;
  }

  /** How a path is shown in results: relative to the first root when inside it, else absolute. */
  display(path: string): string {
    const first = this.roots[0];
    if (first && isInside(path, first.path)) return relativeTo(first.path, path) || '.';
    return path;
  }

  resolve(input: unknown, options: ResolveOptions): Resolved {
    const { shown, absolute, lexical } = this.#lexical(input);
    let real: string;
    let stats: Stats | undefined;
    try {
      if (options.noFollowFinal && absolute !== lexical.root.path) {
        real = join(realpathSync.native(dirname(absolute)), basename(absolute));
        stats = lstatSync(real);
      } else {
        real = realpathSync.native(absolute);
        stats = lstatSync(real);
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' && (error as NodeJS.ErrnoException).code !== 'ENOTDIR') throw fsError(error, shown);
      if (!options.allowMissing) throw fsError(error, shown);
      real = this.#resolveMissing(absolute, shown);
      stats = undefined;
    }
    return this.#checkReal(absolute, lexical, real, stats, shown, options);
  }

  /**
   * Resolve a path that must be a regular file and open it for reading: the
   * checks of resolveExisting and openRead, without realpath (which walks the
   * path again for each of its parts). On Linux the path is opened with
   * O_PATH, which follows symlinks like realpath but opens nothing (a FIFO or
   * device a link leads to never sees an open); /proc/self/fd tells where it
   * really is, the checks run on that, and the fd is reopened for reading: the
   * very inode checked, with no second walk a swapped path could divert.
   * The caller closes `fd`.
   */
  openFile(input: unknown, options: Omit<ResolveOptions, 'allowMissing' | 'noFollowFinal'>): { resolved: Resolved & { stats: Stats }; fd: number } {
    if (O_PATH === undefined) {
      const resolved = this.resolveExisting(input, options);
      requireFile(resolved.stats, resolved.shown);
      return { resolved, fd: this.openRead(resolved) };
    }
    const { shown, absolute, lexical } = this.#lexical(input);
    let pathFd: number;
    try {
      pathFd = openSync(absolute, O_PATH);
    } catch (error) {
      throw fsError(error, shown);
    }
    try {
      const real = fdRealPath(pathFd) ?? absolute;
      const stats = fstatSync(pathFd);
      const resolved = this.#checkReal(absolute, lexical, real, stats, shown, options);
      // A followed link, or a file unlinked meanwhile (its fd's path then ends in " (deleted)"):
      // the path just checked must still name this inode.
      if (real !== absolute) {
        const named = lstatSync(real, { throwIfNoEntry: false });
        if (named?.dev !== stats.dev || named.ino !== stats.ino) throw changed(shown);
      }
      requireFile(stats, shown);
      return { resolved, fd: reopen(pathFd, O_RDONLY | O_NONBLOCK) };
    } catch (error) {
      throw fsError(error, shown);
    } finally {
      closeQuietly(pathFd);
    }
  }

  /** Resolve a path that must exist. */
  resolveExisting(input: unknown, options: Omit<ResolveOptions, 'allowMissing'>): Resolved & { stats: Stats } {
    const resolved = this.resolve(input, options);
    if (!resolved.stats) throw errnoError('ENOENT', resolved.shown);
    return { ...resolved, stats: resolved.stats };
  }

  /** Open a checked path read-only (a directory with `directory: true`) and verify the descriptor. */
  openRead(resolved: Resolved, directory = false): number {
    let fd: number;
    try {
      // O_NONBLOCK: opening a FIFO must not hang the server (regular files ignore it).
      fd = openSync(resolved.path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | (directory ? O_DIRECTORY : 0));
    } catch (error) {
      throw fsError(error, resolved.shown);
    }
    this.verifyFd(fd, resolved.path, resolved.shown);
    return fd;
  }

  /**
   * Check that an open descriptor is the path that was checked. Linux: where
   * the fd really points. Elsewhere: the same inode the path names now.
   */
  verifyFd(fd: number, expected: string, shown: string): void {
    const actual = fdRealPath(fd);
    let same: boolean;
    if (actual !== undefined) same = actual === expected;
    else {
      const opened = fstatSync(fd);
      const named = lstatSync(expected, { throwIfNoEntry: false });
      same = named !== undefined && named.dev === opened.dev && named.ino === opened.ino;
    }
    if (!same) {
      closeQuietly(fd);
      throw changed(shown);
    }
  }

  /**
   * Open the directory that will hold a new entry, creating missing
   * directories one by one inside verified ones (never through a symlink).
   * Returns its fd; the caller closes it.
   */
  openParentForCreate(resolved: Resolved, createParents: boolean): number {
    const parent = dirname(resolved.path);
    // The deepest existing ancestor was verified by resolve(); walk down from there.
    let existing = parent;
    const missing: string[] = [];
    while (lstatSync(existing, { throwIfNoEntry: false }) === undefined) {
      missing.unshift(basename(existing));
      existing = dirname(existing);
    }
    if (missing.length > 0 && !createParents) {
      throw new ToolError(FsErrorCode.NOT_FOUND, `The folder of ${resolved.shown} does not exist`, { hint: 'Create it with mkdir first, or pass createParents: true.' });
    }
    const root = this.#rootOrThrow(existing, resolved.shown);
    let fd = this.openRead({ ...resolved, root, path: existing, relative: relativeTo(root.path, existing) }, true);
    let current = existing;
    try {
      for (const name of missing) {
        try {
          mkdirSync(atPath(fd, current, name));
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        }
        const next = openAt(fd, current, name, O_RDONLY | O_DIRECTORY);
        closeSync(fd);
        fd = next;
        current = join(current, name);
        if (!procFd) this.verifyFd(fd, current, resolved.shown);
      }
      return fd;
    } catch (error) {
      closeQuietly(fd);
      throw fsError(error, resolved.shown);
    }
  }

  /** A tool's path argument made absolute, and the checks on it as given: inside a root, not denied. */
  #lexical(input: unknown): { shown: string; absolute: string; lexical: { root: FsRoot; relative: string } } {
    const base = this.base;
    const shown = typeof input === 'string' ? input : String(input);
    const absolute = absolutize(input, base.path);
    const root = this.#rootOrThrow(absolute, shown);
    return { shown, absolute, lexical: { root, relative: this.#checkDeny(root, absolute, shown) } };
  }

  #resolveMissing(absolute: string, shown: string): string {
    // Find the deepest ancestor that exists, making sure no missing part is a dangling symlink.
    const missing: string[] = [];
    let current = absolute;
    for (;;) {
      const stats = lstatSync(current, { throwIfNoEntry: false });
      if (stats) {
        if (missing.length > 0 && stats.isSymbolicLink()) {
          // A dangling link: writing "through" it would create its target, wherever it points.
          throw errnoError('ELOOP', shown);
        }
        if (missing.length > 0 && !stats.isDirectory()) throw errnoError('ENOTDIR', shown);
        break;
      }
      missing.unshift(basename(current));
      const parent = dirname(current);
      if (parent === current) throw errnoError('ENOENT', shown);
      current = parent;
    }
    let real: string;
    try {
      real = realpathSync.native(current);
    } catch (error) {
      throw fsError(error, shown);
    }
    if (real !== current && !this.options.followSymlinks) throw errnoError('ELOOP', shown);
    return join(real, ...missing);
  }

  /** The checks on where a path really leads (`real`), after the lexical ones on `absolute`. */
  #checkReal<S extends Stats | undefined>(
    absolute: string,
    lexical: { root: FsRoot; relative: string },
    real: string,
    stats: S,
    shown: string,
    options: ResolveOptions,
  ): Resolved & { stats: S } {
    let { root, relative } = lexical;
    if (real !== absolute) {
      if (!this.options.followSymlinks) throw errnoError('ELOOP', shown);
      root = this.#rootOrThrow(real, shown);
      relative = this.#checkDeny(root, real, shown);
    } // else: the lexical checks already ran on this very path.
    this.#checkTier(root, options);
    return { root, path: real, relative, shown, stats };
  }

  #rootOrThrow(path: string, shown: string): FsRoot {
    const root = this.rootOf(path);
    if (!root) {
      throw new ToolError(FsErrorCode.OUTSIDE_ROOTS, `${shown} is outside the roots of server ${this.serverName}`, {
        hint: `Use a path inside one of: ${this.roots.map((r) => r.path).join(', ')} (list_roots shows them).`,
      });
    }
    return root;
  }

  /** Returns the path relative to the root, which callers keep. */
  #checkDeny(root: FsRoot, path: string, shown: string): string {
    const relative = relativeTo(root.path, path);
    if (this.options.deny.denies(relative)) {
      throw new ToolError(FsErrorCode.DENIED, `${shown} is denied by the deny list of server ${this.serverName}`, {
        hint: 'Secrets and VCS internals (.env*, .ssh/, *.pem, *.key, .git/…) are always denied; other patterns come from the entry\'s `deny`.',
      });
    }
    return relative;
  }

  #checkTier(root: FsRoot, options: ResolveOptions): void {
    if (tierAllows(root.access, options.needs)) return;
    const setting = root.access === this.options.access ? `access: ${options.needs}` : `access: ${options.needs} on this root`;
    throw new ToolError(ToolErrorCode.ACCESS_DENIED, `${options.what} needs access: ${options.needs} on root ${root.path} of server ${this.serverName} (currently ${root.access})`, {
      hint: `Set \`${setting}\` in servers.${this.serverName} of the mcpctl config if this should be allowed.`,
      details: { needs: options.needs, granted: root.access, server: this.serverName, root: root.path },
    });
  }
}

/** The tool error for an errno this sandbox detects itself (as fsError words it). */
function errnoError(code: 'ENOENT' | 'ENOTDIR' | 'EISDIR' | 'ELOOP', shown: string): ToolError {
  return fsError(Object.assign(new Error(code), { code }), shown);
}

function changed(shown: string): ToolError {
  return new ToolError(FsErrorCode.CHANGED, `${shown} changed while it was being opened (a link or directory was swapped)`, { hint: 'Retry the call.' });
}

function requireFile(stats: Stats, shown: string): void {
  if (stats.isFile()) return;
  if (stats.isDirectory()) throw errnoError('EISDIR', shown);
  throw new ToolError(FsErrorCode.NOT_A_FILE, `${shown} is not a regular file`);
}
