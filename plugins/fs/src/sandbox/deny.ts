import { GlobRules, type EntryKind } from './rules.js';

/** Denied by default, whatever the config adds: secrets and VCS internals. */
const DEFAULT_DENY: readonly string[] = Object.freeze(['.env*', '.ssh/', '*.pem', '*.key', '.git/', 'id_rsa*', 'id_ed25519*', 'id_ecdsa*', '.aws/', '.netrc']);

/**
 * The `deny` globs of an fs entry plus the defaults, matched against paths
 * relative to a root (gitignore-style patterns; no `!`: a deny list cannot
 * re-allow). A denied path cannot be read, listed, written or found.
 */
export class DenyList {
  readonly patterns: readonly string[];
  readonly #rules: GlobRules;

  constructor(patterns: readonly string[] = []) {
    this.patterns = [...new Set([...DEFAULT_DENY, ...patterns])];
    this.#rules = new GlobRules(this.patterns);
  }

  /** Whether a root-relative path, or a directory above it, is denied. */
  denies(relative: string, kind: EntryKind = 'unknown'): boolean {
    return this.#rules.matchesPathOrParent(relative, kind);
  }

  /** Whether one entry of an allowed directory is denied (the walk's fast path; `name` is its last segment). */
  deniesEntry(relative: string, kind: EntryKind, name?: string): boolean {
    return this.#rules.matches(relative, kind, name);
  }
}
