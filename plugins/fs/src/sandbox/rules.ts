import picomatch from 'picomatch';

/**
 * Glob rules with .gitignore semantics, compiled once with picomatch: a
 * pattern without a slash matches a name at any depth; a leading or inner
 * slash anchors it to the rules' base; a trailing slash matches directories
 * only; `!` re-includes; the last matching rule wins. Matching is per entry
 * (the walk never descends into an excluded directory), and keeps no cache,
 * so memory stays flat on huge trees.
 */

interface Rule {
  negate: boolean;
  dirOnly: boolean;
  anchored: boolean;
  match: (path: string) => boolean;
}

/** Whether an entry is a directory: `unknown` is tested both ways and fails closed. */
export type EntryKind = 'dir' | 'file' | 'unknown';

export class GlobRules {
  readonly #rules: Rule[];

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
      this.#rules.push({ negate, dirOnly, anchored, match: picomatch(pattern, { dot: true }) });
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
  verdict(relative: string, kind: EntryKind): boolean | undefined {
    const slash = relative.lastIndexOf('/');
    const name = slash === -1 ? relative : relative.slice(slash + 1);
    for (let i = this.#rules.length - 1; i >= 0; i--) {
      const rule = this.#rules[i] as Rule;
      if (rule.dirOnly && kind === 'file') continue;
      if (rule.match(rule.anchored ? relative : name)) return !rule.negate;
    }
    return undefined;
  }

  /** Whether the entry is excluded. */
  matches(relative: string, kind: EntryKind): boolean {
    return this.verdict(relative, kind) === true;
  }

  /** Whether a path or any of its parent directories is excluded. */
  matchesPathOrParent(relative: string, kind: EntryKind): boolean {
    if (relative === '' || relative === '.') return false;
    const parts = relative.split('/');
    for (let i = 1; i < parts.length; i++) {
      if (this.matches(parts.slice(0, i).join('/'), 'dir')) return true;
    }
    return this.matches(relative, kind);
  }
}
