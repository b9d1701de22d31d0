import type { HookDeclaration } from '../interfaces/hook-declaration.js';
import { hookRows } from './hook-table.js';

/**
 * How the interceptor treats a hook: how long one tap may take, what a tap
 * of a disabled plugin passes through, and whether a failure is thrown or
 * reported as a result. Derived from the hook's declaration.
 */
export interface HookPolicy {
  /** Milliseconds one async tap may take before it fails with PLUGIN_HOOK_TIMEOUT. */
  timeoutMs: number;
  /** Waterfall hooks pass their first argument through when a tap is skipped. */
  waterfall?: boolean;
  /** Failures become failed health results (second argument is the reporter) instead of exceptions. */
  reportErrors?: boolean;
}

/** Default for a declared hook that gives no timeout. */
export const DEFAULT_HOOK_TIMEOUT_MS = 30_000;

export function policyOf(declaration: Pick<HookDeclaration, 'kind' | 'timeoutMs' | 'reportErrors'>): HookPolicy {
  return {
    timeoutMs: declaration.timeoutMs,
    ...(declaration.kind.endsWith('WaterfallHook') ? { waterfall: true } : {}),
    ...(declaration.reportErrors ? { reportErrors: true } : {}),
  };
}

/** The kernel hooks' policies by path ("transport" covers every `transport.for(<key>)`). */
export const HOOK_POLICIES: Readonly<Record<string, HookPolicy>> = Object.freeze(
  Object.fromEntries(hookRows().map((row) => [row.path, Object.freeze(policyOf(row.declaration))])),
);

/** A global override for tests and slow machines: MCPCTL_HOOK_TIMEOUT_MS. */
export function withTimeoutOverride(policy: HookPolicy, env: NodeJS.ProcessEnv = process.env): HookPolicy {
  const override = Number(env.MCPCTL_HOOK_TIMEOUT_MS);
  return Number.isFinite(override) && override > 0 ? { ...policy, timeoutMs: override } : policy;
}

/** The policy of a kernel hook path, with the MCPCTL_HOOK_TIMEOUT_MS override. */
export function policyFor(hookPath: string, env: NodeJS.ProcessEnv = process.env): HookPolicy {
  return withTimeoutOverride(HOOK_POLICIES[hookPath] ?? { timeoutMs: DEFAULT_HOOK_TIMEOUT_MS }, env);
}
