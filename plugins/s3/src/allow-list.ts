import { ToolError, accessDenied, tierAllows, type AccessTier } from '@mcpctl/toolkit';
import { hasControlCharacter, type BucketGrant } from './options.js';

/**
 * The entry's bucket/prefix allow-list and tiers, asked by the enforcement
 * middleware before every request is signed and by the tools before they
 * start. Keys are opaque strings: nothing here normalises a path, a prefix
 * matches only at its own boundary ("reports/" never matches
 * "reports-evil/"), and keys that a store or proxy might rewrite ("." and
 * ".." segments, control characters) are refused outright.
 */

export const MAX_KEY_BYTES = 1024;

/** Codes of the refusals, for programs (under `_meta["dev.mcpctl/error"].code`). */
export const PolicyCode = Object.freeze({
  BUCKET_NOT_ALLOWED: 'BUCKET_NOT_ALLOWED',
  KEY_NOT_ALLOWED: 'KEY_NOT_ALLOWED',
  INVALID_KEY: 'INVALID_KEY',
  REQUEST_NOT_ALLOWED: 'REQUEST_NOT_ALLOWED',
} as const);

export class AllowList {
  readonly grants: readonly BucketGrant[];
  readonly access: AccessTier;
  readonly serverName: string;

  constructor(grants: readonly BucketGrant[], access: AccessTier, serverName: string) {
    this.grants = grants;
    this.access = access;
    this.serverName = serverName;
  }

  /** The grants of one bucket; throws BUCKET_NOT_ALLOWED when there is none. */
  bucketGrants(bucket: string): BucketGrant[] {
    const grants = this.grants.filter((grant) => grant.bucket === bucket);
    if (grants.length === 0) {
      throw new ToolError(PolicyCode.BUCKET_NOT_ALLOWED, `Bucket ${JSON.stringify(bucket)} is not in the allow-list of server ${this.serverName}`, {
        hint: `Allowed buckets: ${this.bucketNames().join(', ')}. To allow it, add { bucket: ${bucket} } to servers.${this.serverName}.buckets in the mcpctl config.`,
        details: { bucket, allowed: this.bucketNames() },
      });
    }
    return grants;
  }

  bucketNames(): string[] {
    return [...new Set(this.grants.map((grant) => grant.bucket))];
  }

  /** The highest tier any grant gives `key` in `bucket`, or undefined when no prefix covers it. */
  tierFor(bucket: string, key: string): AccessTier | undefined {
    let best: AccessTier | undefined;
    for (const grant of this.grants) {
      if (grant.bucket !== bucket || !key.startsWith(grant.prefix)) continue;
      if (best === undefined || tierAllows(grant.access, best)) best = grant.access;
    }
    return best;
  }

  /** True when `key` may be read (used to filter listings, never to widen them). */
  readable(bucket: string, key: string): boolean {
    return isValidKey(key) && this.tierFor(bucket, key) !== undefined;
  }

  /**
   * Throw unless `key` in `bucket` is allowed at tier `needs`. `what` names
   * the operation for the message ("put_object", "PUT request").
   */
  checkKey(bucket: string, key: string, needs: AccessTier, what: string): void {
    const grants = this.bucketGrants(bucket);
    checkKeyShape(key);
    const tier = this.tierFor(bucket, key);
    if (tier === undefined) {
      const prefixes = grants.map((grant) => grant.prefix);
      throw new ToolError(PolicyCode.KEY_NOT_ALLOWED, `Key ${JSON.stringify(key)} is outside the allowed prefixes of bucket ${bucket} (${prefixes.map((p) => JSON.stringify(p)).join(', ')}) on server ${this.serverName}`, {
        hint: `Use a key under an allowed prefix, or add { bucket: ${bucket}, prefix: … } to servers.${this.serverName}.buckets in the mcpctl config.`,
        details: { bucket, key, allowedPrefixes: prefixes },
      });
    }
    this.checkTier(bucket, key, tier, needs, what);
  }

  /** Throw unless a listing of `prefix` in `bucket` stays inside an allowed prefix. */
  checkListPrefix(bucket: string, prefix: string, what: string): void {
    const grants = this.bucketGrants(bucket);
    if (hasControlCharacter(prefix)) throw invalidKey(prefix, 'contains a control character');
    if (!grants.some((grant) => prefix.startsWith(grant.prefix))) {
      const prefixes = grants.map((grant) => grant.prefix);
      throw new ToolError(PolicyCode.KEY_NOT_ALLOWED, `${what}: prefix ${JSON.stringify(prefix)} is not inside the allowed prefixes of bucket ${bucket} (${prefixes.map((p) => JSON.stringify(p)).join(', ')}) on server ${this.serverName}`, {
        hint: `List under an allowed prefix (or leave prefix out to list all of them), or widen servers.${this.serverName}.buckets in the mcpctl config.`,
        details: { bucket, prefix, allowedPrefixes: prefixes },
      });
    }
  }

  /** The allowed (bucket, prefix) scopes a listing of `bucket`/`prefix` covers, narrowest first by config order. */
  listScopes(bucket: string | undefined, prefix: string | undefined): Array<{ bucket: string; prefix: string }> {
    const buckets = bucket === undefined ? this.bucketNames() : [bucket];
    const scopes: Array<{ bucket: string; prefix: string }> = [];
    for (const name of buckets) {
      const grants = this.bucketGrants(name);
      const wanted = prefix ?? '';
      // The request's prefix inside a grant: list that. A grant inside the request's prefix: list the grant.
      if (grants.some((grant) => wanted.startsWith(grant.prefix))) {
        scopes.push({ bucket: name, prefix: wanted });
        continue;
      }
      const inner = grants.filter((grant) => grant.prefix.startsWith(wanted)).map((grant) => grant.prefix);
      for (const p of [...new Set(inner)].sort()) {
        if (!scopes.some((s) => s.bucket === name && p.startsWith(s.prefix))) scopes.push({ bucket: name, prefix: p });
      }
    }
    if (scopes.length === 0 && bucket !== undefined) this.checkListPrefix(bucket, prefix ?? '', 'list');
    if (scopes.length === 0 && prefix !== undefined) {
      throw new ToolError(PolicyCode.KEY_NOT_ALLOWED, `Prefix ${JSON.stringify(prefix)} is not inside any allowed prefix on server ${this.serverName}`, {
        hint: `Allowed: ${this.grants.map((grant) => `${grant.bucket}/${grant.prefix}`).join(', ')}. Widen servers.${this.serverName}.buckets in the mcpctl config to search elsewhere.`,
        details: { prefix },
      });
    }
    return scopes;
  }

  private checkTier(bucket: string, key: string, granted: AccessTier, needs: AccessTier, what: string): void {
    if (tierAllows(granted, needs)) return;
    if (!tierAllows(this.access, needs)) throw accessDenied(needs, this.access, this.serverName, what);
    const settings = this.grants.filter((grant) => grant.bucket === bucket && key.startsWith(grant.prefix)).map((grant) => `${grant.setting}.access`);
    throw new ToolError('ACCESS_DENIED', `${what} needs access: ${needs} on s3://${bucket}/${key} (${settings.join(', ')} grants ${granted})`, {
      hint: `Raise ${settings.map((s) => `servers.${this.serverName}.${s}`).join(' / ')} in the mcpctl config if this prefix should allow it.`,
      details: { needs, granted, server: this.serverName, bucket, key },
    });
  }
}

/** Throw INVALID_KEY unless `key` is a key this server will send: 1-1024 UTF-8 bytes, no control characters, no "." or ".." segments. */
export function checkKeyShape(key: string): void {
  const problem = keyProblem(key);
  if (problem) throw invalidKey(key, problem);
}

export function isValidKey(key: string): boolean {
  return keyProblem(key) === undefined;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function keyProblem(key: string): string | undefined {
  if (key === '') return 'is empty';
  if (Buffer.byteLength(key, 'utf8') > MAX_KEY_BYTES) return `is longer than ${MAX_KEY_BYTES} bytes`;
  if (hasControlCharacter(key)) return 'contains a control character';
  if (key.split('/').some((segment) => segment === '.' || segment === '..')) return 'has a "." or ".." segment (some stores and proxies rewrite those, which could reach another key)';
  if (LONE_SURROGATE.test(key)) return 'is not valid Unicode (a lone surrogate)';
  return undefined;
}

function invalidKey(key: string, problem: string): ToolError {
  return new ToolError(PolicyCode.INVALID_KEY, `Object key ${JSON.stringify(key)} ${problem}`, {
    hint: 'Keys are sent exactly as given: use a key of printable characters without "." or ".." path segments.',
    details: { key },
  });
}
