/**
 * How the interceptor treats each hook: how long one tap may take, what a
 * tap of a disabled plugin passes through, and whether a failure is thrown
 * or reported as a result. Keys are hook paths ("transport" covers every
 * `transport.for(<key>)`).
 */
export interface HookPolicy {
  /** Milliseconds one async tap may take before it fails with PLUGIN_HOOK_TIMEOUT. */
  timeoutMs: number;
  /** Waterfall hooks pass their first argument through when a tap is skipped. */
  waterfall?: boolean;
  /** Failures become failed health results (second argument is the reporter) instead of exceptions. */
  reportErrors?: boolean;
}

const SECOND = 1000;

export const HOOK_POLICIES: Readonly<Record<string, HookPolicy>> = Object.freeze({
  'config.schema': { timeoutMs: 2 * SECOND, waterfall: true },
  'config.transform': { timeoutMs: 10 * SECOND, waterfall: true },
  serverType: { timeoutMs: 30 * SECOND },
  transport: { timeoutMs: 30 * SECOND },
  'auth.client': { timeoutMs: 60 * SECOND },
  'auth.verifier': { timeoutMs: 30 * SECOND },
  health: { timeoutMs: 10 * SECOND, reportErrors: true },
  session: { timeoutMs: 5 * SECOND },
  commands: { timeoutMs: 5 * SECOND },
  'lifecycle.serverStarting': { timeoutMs: 10 * SECOND },
  'lifecycle.serverReady': { timeoutMs: 10 * SECOND },
  'lifecycle.serverExited': { timeoutMs: 10 * SECOND },
  'lifecycle.shutdown': { timeoutMs: 10 * SECOND },
});

/** A global override for tests and slow machines: MCPCTL_HOOK_TIMEOUT_MS. */
export function policyFor(hookPath: string, env: NodeJS.ProcessEnv = process.env): HookPolicy {
  const base = HOOK_POLICIES[hookPath] ?? { timeoutMs: 30 * SECOND };
  const override = Number(env.MCPCTL_HOOK_TIMEOUT_MS);
  return Number.isFinite(override) && override > 0 ? { ...base, timeoutMs: override } : base;
}
