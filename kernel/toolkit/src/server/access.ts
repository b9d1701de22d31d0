/**
 * Access tiers: read < write < destructive. A server entry grants one tier
 * (`access:`, default read); a tool needs one. The toolkit refuses a call to
 * a tool above the granted tier, and hands the granted tier to the handler
 * so the plugin enforces it again where the operation runs.
 */

export const ACCESS_TIERS = ['read', 'write', 'destructive'] as const;

export type AccessTier = (typeof ACCESS_TIERS)[number];

export const DEFAULT_ACCESS: AccessTier = 'read';

const RANK: Readonly<Record<AccessTier, number>> = { read: 0, write: 1, destructive: 2 };

export function isAccessTier(value: unknown): value is AccessTier {
  return typeof value === 'string' && (ACCESS_TIERS as readonly string[]).includes(value);
}

/** Whether a `granted` tier allows an operation that `needs` a tier. */
export function tierAllows(granted: AccessTier, needs: AccessTier): boolean {
  return RANK[granted] >= RANK[needs];
}

/** The lower of two tiers (e.g. a root's own access narrowing the entry's). */
export function minTier(a: AccessTier, b: AccessTier): AccessTier {
  return RANK[a] <= RANK[b] ? a : b;
}

/** The entry's `access` option, or the default when absent. Throws on an unknown value. */
export function parseAccess(value: unknown, fallback: AccessTier = DEFAULT_ACCESS): AccessTier {
  if (value === undefined || value === null) return fallback;
  if (isAccessTier(value)) return value;
  throw new TypeError(`access must be one of ${ACCESS_TIERS.join(', ')} (got ${JSON.stringify(value)})`);
}

/** MCP tool annotations that follow from a tool's tier: honest by construction. */
export interface TierAnnotations {
  readOnlyHint: boolean;
  destructiveHint: boolean;
  idempotentHint: boolean;
  openWorldHint: boolean;
}

/**
 * Annotations for a tool of a tier. `idempotent` describes write tools
 * (a read tool is always idempotent); `openWorld` says whether the tool
 * reaches beyond a closed set of data the server owns (default false).
 */
export function annotationsForTier(tier: AccessTier, options: { idempotent?: boolean; openWorld?: boolean } = {}): TierAnnotations {
  return {
    readOnlyHint: tier === 'read',
    destructiveHint: tier === 'destructive',
    idempotentHint: tier === 'read' ? true : (options.idempotent ?? false),
    openWorldHint: options.openWorld ?? false,
  };
}
