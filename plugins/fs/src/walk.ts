import { readdirSync, readFileSync, type Dirent } from 'node:fs';
import { join } from 'node:path';
import { throwIfAborted } from '@mcpctl/toolkit';
import { closeQuietly, fdPath, O_DIRECTORY, O_RDONLY, openAt } from './sandbox/fd.js';
import { GlobRules, type EntryKind } from './sandbox/rules.js';
import type { Resolved, Sandbox } from './sandbox/sandbox.js';
import { typeOf, type EntryType } from './tools/common.js';

/**
 * A depth-first walk in a stable order (names sorted by code unit, a
 * directory before its contents), so paged results can resume after the last
 * path returned. Every directory is opened by descriptor inside its verified
 * parent (never re-walked by path), so a directory swapped for a symlink
 * mid-walk is refused, not followed. Denied paths are invisible; .gitignore
 * files are honoured when asked; exclude globs prune.
 */

/**
 * An open directory of the walk, closed when the walk and everyone who
 * retained it are done with it: its descriptor number must not be reused
 * while a worker may still open names through it.
 */
class OpenDir {
  #refs = 1;
  constructor(readonly fd: number) {}

  retain(): () => void {
    this.#refs++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.release();
    };
  }

  release(): void {
    if (--this.#refs === 0) closeQuietly(this.fd);
  }
}

/** One entry of a walk. Valid during its visit: its directory fd closes afterwards, unless retained. */
export class WalkEntry {
  readonly #dir: OpenDir;

  constructor(
    readonly name: string,
    /** Relative to the root, `/`-separated. */
    readonly relative: string,
    /** Relative to the walk's start. */
    readonly fromStart: string,
    readonly kind: EntryType,
    /** 1 for the start's children. */
    readonly depth: number,
    /** The open parent directory (valid only during the visit) and its real path. */
    dir: OpenDir,
    readonly dirPath: string,
  ) {
    this.#dir = dir;
  }

  /** The open parent directory (valid during the visit, or until released when retained). */
  get dirFd(): number {
    return this.#dir.fd;
  }

  /** Keep the parent directory open after the visit, until the returned function is called. */
  retainDir(): () => void {
    return this.#dir.retain();
  }

  /** Absolute path, built on demand (most entries never need it). Real paths are normalized: concatenation is enough. */
  get path(): string {
    return this.dirPath === '/' ? `/${this.name}` : `${this.dirPath}/${this.name}`;
  }
}

/** What a visit asks: go on, don't descend into this directory, or end the walk. */
export type VisitResult = void | 'prune' | 'stop';

export interface WalkOptions {
  sandbox: Sandbox;
  start: Resolved;
  /** Deepest depth to list (1 = the start's children). */
  maxDepth?: number;
  respectGitignore: boolean;
  /** Globs relative to the start: matching entries are skipped (and not descended). */
  exclude?: GlobRules;
  /** Resume: skip every entry up to and including this path (relative to the start), in walk order. */
  after?: string;
  signal: AbortSignal;
  /** Told about each denied entry the walk skips (operations on whole trees refuse to touch them). */
  onDenied?(relative: string): void;
  visit(entry: WalkEntry): VisitResult | Promise<VisitResult>;
}

interface IgnoreLayer {
  /** Relative to the root. */
  base: string;
  rules: GlobRules;
}

const YIELD_EVERY_MS = 8;
/** Entries between looks at the clock (reading it costs more than handling an entry that is skipped). */
const CLOCK_EVERY = 32;

/** Compare two `/`-separated paths in walk order (segment by segment; a parent first). */
function compareWalkOrder(a: string, b: string): number {
  const as = a.split('/');
  const bs = b.split('/');
  for (let i = 0; i < Math.min(as.length, bs.length); i++) {
    const x = as[i] as string;
    const y = bs[i] as string;
    if (x !== y) return x < y ? -1 : 1;
  }
  return as.length - bs.length;
}

function ruleKind(kind: EntryType): EntryKind {
  return kind === 'directory' ? 'dir' : kind === 'symlink' ? 'unknown' : 'file';
}

/** Walk a directory; resolves true when the walk ran to the end, false when a visit stopped it. */
export async function walk(options: WalkOptions): Promise<boolean> {
  const { sandbox, start, signal } = options;
  const deny = sandbox.options.deny;
  const maxDepth = options.maxDepth ?? Infinity;
  const after = options.after;
  let lastYield = performance.now();
  let sinceClock = 0;
  let stopped = false;

  const fromStartIsRelative = start.relative === '';
  const ignoreLayers: IgnoreLayer[] = [];
  if (options.respectGitignore) loadParentGitignores(sandbox, start, ignoreLayers);

  const ignored = (relative: string, kind: EntryKind, name: string): boolean => {
    for (let i = ignoreLayers.length - 1; i >= 0; i--) {
      const layer = ignoreLayers[i] as IgnoreLayer;
      const verdict = layer.rules.verdict(layer.base === '' ? relative : relative.slice(layer.base.length + 1), kind, name);
      if (verdict !== undefined) return verdict;
    }
    return false;
  };

  const visitDir = async (dir: OpenDir, dirPath: string, relative: string, fromStart: string, depth: number): Promise<void> => {
    const fd = dir.fd;
    let dirents: Dirent[];
    try {
      dirents = readdirSync(fdPath(fd, dirPath), { withFileTypes: true });
    } catch {
      return; // unreadable directory: skip, as find(1) would
    }
    dirents.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

    let pushedLayer = false;
    if (options.respectGitignore && dirents.some((d) => d.name === '.gitignore' && d.isFile())) {
      const rules = readGitignore(fd, dirPath);
      if (rules) {
        ignoreLayers.push({ base: relative, rules });
        pushedLayer = true;
      }
    }
    try {
      for (const dirent of dirents) {
        if (stopped) return;
        if (++sinceClock === CLOCK_EVERY) {
          sinceClock = 0;
          if (performance.now() - lastYield > YIELD_EVERY_MS) {
            await new Promise<void>((resolve) => setImmediate(resolve));
            lastYield = performance.now();
            throwIfAborted(signal);
          }
        }
        const name = dirent.name;
        const kind = typeOf(dirent);
        const entryRelative = relative === '' ? name : `${relative}/${name}`;
        // Walking from the root, both are the same string: build it once.
        const entryFromStart = fromStartIsRelative ? entryRelative : fromStart === '' ? name : `${fromStart}/${name}`;
        const rk = ruleKind(kind);
        if (deny.deniesEntry(entryRelative, rk, name)) {
          options.onDenied?.(entryRelative);
          continue;
        }
        if (ignoreLayers.length > 0 && ignored(entryRelative, rk, name)) continue;
        if (options.exclude?.matches(entryFromStart, rk, name)) continue;

        let descend = kind === 'directory' && depth < maxDepth;
        let skipSelf = false;
        if (after !== undefined) {
          const order = compareWalkOrder(entryFromStart, after);
          if (order <= 0) {
            skipSelf = true;
            // Only a directory above `after` can still hold entries after it.
            descend = descend && order < 0 && after.startsWith(`${entryFromStart}/`);
          }
        }
        const entry = new WalkEntry(name, entryRelative, entryFromStart, kind, depth, dir, dirPath);
        if (!skipSelf) {
          let result = options.visit(entry);
          if (result instanceof Promise) result = await result;
          if (result === 'stop') {
            stopped = true;
            return;
          }
          if (result === 'prune') descend = false;
        }
        if (!descend) continue;
        let child: OpenDir;
        try {
          child = new OpenDir(openAt(fd, dirPath, name, O_RDONLY | O_DIRECTORY));
        } catch {
          continue; // vanished or swapped for a link since readdir: not followed
        }
        try {
          await visitDir(child, entry.path, entryRelative, entryFromStart, depth + 1);
        } finally {
          child.release();
        }
      }
    } finally {
      if (pushedLayer) ignoreLayers.pop();
    }
  };

  const top = new OpenDir(sandbox.openRead(start, true));
  try {
    await visitDir(top, start.path, start.relative, '', 1);
  } finally {
    top.release();
  }
  return !stopped;
}

const MAX_GITIGNORE_BYTES = 256 * 1024;

function readGitignore(dirFd: number, dirPath: string): GlobRules | undefined {
  let fd: number | undefined;
  try {
    fd = openAt(dirFd, dirPath, '.gitignore', O_RDONLY);
    const text = readFileSync(fd, 'utf8').slice(0, MAX_GITIGNORE_BYTES);
    const rules = new GlobRules(text.split(/\r?\n/), { allowNegation: true });
    return rules.empty ? undefined : rules;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeQuietly(fd);
  }
}

/** .gitignore files between the root and the walk's start apply too. */
function loadParentGitignores(sandbox: Sandbox, start: Resolved, layers: IgnoreLayer[]): void {
  if (start.relative === '') return;
  const parts = start.relative.split('/');
  for (let i = 0; i < parts.length; i++) {
    const base = parts.slice(0, i).join('/');
    let fd: number | undefined;
    try {
      const resolved = sandbox.resolve(join(start.root.path, base), { needs: 'read', what: 'walk' });
      fd = sandbox.openRead(resolved, true);
      const rules = readGitignore(fd, resolved.path);
      if (rules) layers.push({ base, rules });
    } catch {
      /* unreadable: nothing to honour */
    } finally {
      if (fd !== undefined) closeQuietly(fd);
    }
  }
}
