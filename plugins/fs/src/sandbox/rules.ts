import picomatch from 'picomatch';

/**
 * Glob rules with .gitignore semantics, compiled once to regular
 * expressions: a pattern without a slash matches a name at any depth; a
 * leading or inner slash anchors it to the rules' base; a trailing slash
 * matches directories only; `!` re-includes; the last matching rule wins.
 * Matching is per entry (the walk never descends into an excluded
 * directory), and keeps no cache, so memory stays flat on huge trees. Rule
 * sets without `!` (deny lists, excludes) are merged into one expression per
 * case, so an entry costs a couple of regex tests however many patterns.
 */

interface Rule {
  negate: boolean;
  dirOnly: boolean;
  anchored: boolean;
  re: RegExp;
}

/** Whether an entry is a directory: `unknown` is tested both ways and fails closed. */
export type EntryKind = 'dir' | 'file' | 'unknown';

interface Merged {
  /** Name patterns that apply to any entry / only to directories. */
  name: RegExp | undefined;
  dirName: RegExp | undefined;
  /** Anchored (path) patterns, likewise. */
  path: RegExp | undefined;
  dirPath: RegExp | undefined;
}

function merge(rules: readonly Rule[]): RegExp | undefined {
  if (rules.length === 0) return undefined;
  return new RegExp(rules.map((rule) => `(?:${rule.re.source})`).join('|'), rules.some((rule) => rule.re.flags.includes('i')) ? 'i' : '');
}

function baseName(relative: string): string {
  const slash = relative.lastIndexOf('/');
  return slash === -1 ? relative : relative.slice(slash + 1);
}

export class GlobRules {
  readonly #rules: Rule[];
  readonly #merged: Merged | undefined;

  constructor(patterns: readonly string[], options: { allowNegation?: boolean } = {}) {
    this.#rules = [];
    for (const raw of patterns) {
      let pattern = raw.trim();
      if (pattern === '' || pattern.startsWith('#')) continue;
      let negate = false;
      if (pattern.startsWith('!')) {
        if (!options.allowNegation) throw new TypeError(`Pattern "${raw}": negation (!) is not allowed here`);
        negate = true;
        pattern = pattern.slice(1);
      }
      if (pattern.startsWith('\\')) pattern = pattern.slice(1);
      const dirOnly = pattern.endsWith('/');
      if (dirOnly) pattern = pattern.replace(/\/+$/, '');
      const anchored = pattern.includes('/');
      if (pattern.startsWith('/')) pattern = pattern.slice(1);
      if (pattern === '') continue;
      this.#rules.push({ negate, dirOnly, anchored, re: picomatch.makeRe(pattern, { dot: true }) });
    }
    if (!this.#rules.some((rule) => rule.negate)) {
      const pick = (anchored: boolean, dirOnly: boolean) => merge(this.#rules.filter((rule) => rule.anchored === anchored && rule.dirOnly === dirOnly));
      this.#merged = { name: pick(false, false), dirName: pick(false, true), path: pick(true, false), dirPath: pick(true, true) };
    }
  }

  get empty(): boolean {
    return this.#rules.length === 0;
  }

  /**
   * The verdict for one entry: true (matched, excluded), false (re-included
   * by a `!` rule) or undefined (no rule matched). `relative` is relative to
   * the rules' base, with `/` separators.
   */
  verdict(relative: string, kind: EntryKind, name: string = baseName(relative)): boolean | undefined {
    const merged = this.#merged;
    if (merged) {
      const dir = kind !== 'file';
      const hit =
        (merged.name?.test(name) ?? false) ||
        (merged.path?.test(relative) ?? false) ||
        (dir && ((merged.dirName?.test(name) ?? false) || (merged.dirPath?.test(relative) ?? false)));
      return hit ? true : undefined;
    }
    for (let i = this.#rules.length - 1; i >= 0; i--) {
      const rule = this.#rules[i] as Rule;
      if (rule.dirOnly && kind === 'file') continue;
      if (rule.re.test(rule.anchored ? relative : name)) return !rule.negate;
    }
    return undefined;
  }

  /** Whether the entry is excluded (`name`: its last segment, when the caller has it). */
  matches(relative: string, kind: EntryKind, name?: string): boolean {
    return this.verdict(relative, kind, name) === true;
  }

  /** Whether a path or any of its parent directories is excluded. */
  matchesPathOrParent(relative: string, kind: EntryKind): boolean {
    if (relative === '' || relative === '.') return false;
    // Each parent directory (the prefix up to each `/`, named by the segment before it), then the entry.
    let start = 0;
    for (let slash = relative.indexOf('/'); slash !== -1; slash = relative.indexOf('/', start)) {
      if (this.matches(relative.slice(0, slash), 'dir', relative.slice(start, slash))) return true;
      start = slash + 1;
    }
    return this.matches(relative, kind, relative.slice(start));
  }
}
