import { isHook as isHookValue, isHookMap as isHookMapValue } from './hook-kind.js';
import type { FullTap as Tap } from 'tapable';
import { isMcpctlError, PLUGIN_HOOK_FAILED, PLUGIN_HOOK_TIMEOUT, type McpctlError } from '../errors.js';
import type { HealthReporter } from '../interfaces/health.js';
import { raceTimeout } from '../util/race-timeout.js';
import { policyFor, type HookPolicy } from './hook-policies.js';

/** What the interceptor needs from the kernel. */
export interface InterceptorDeps {
  /** A plugin whose setup failed or timed out: its taps pass through. */
  isDisabled(plugin: string): boolean;
  /** Called after every tap with its duration. */
  record(plugin: string, hookPath: string, durationMs: number, error?: McpctlError): void;
  env?: NodeJS.ProcessEnv;
}

type AnyFn = (...args: unknown[]) => unknown;
interface InterceptableHook {
  intercept(interceptor: { register?: (tap: Tap) => Tap }): void;
  taps: unknown[];
}
interface InterceptableMap {
  intercept(interceptor: { factory?: (key: unknown, hook: InterceptableHook) => InterceptableHook }): void;
  for(key: unknown): unknown;
}

/**
 * Installs one register interceptor on every hook (and every hook a HookMap
 * creates). Each tap is wrapped so it is timed, bounded by its hook's
 * timeout, skipped when its plugin is disabled, and any error it throws that
 * is not already a coded error names the plugin and the hook.
 */
export function interceptAll(hooks: object, deps: InterceptorDeps, prefix = ''): void {
  for (const [key, value] of Object.entries(hooks)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (isHookMap(value) || isHook(value)) interceptOne(value, path, policyFor(path, deps.env), deps);
    else if (typeof value === 'object' && value !== null) interceptAll(value, deps, path);
  }
}

/**
 * Installs the same interceptor on one hook or HookMap: used for the hooks
 * plugins declare, whose policy comes from their manifest declaration.
 */
export function interceptOne(value: object, path: string, policy: HookPolicy, deps: InterceptorDeps): void {
  if (isHookMap(value)) {
    value.intercept({
      factory: (mapKey, hook) => {
        interceptHook(hook, `${path}.for(${String(mapKey)})`, policy, deps);
        return hook;
      },
    });
  } else if (isHook(value)) {
    interceptHook(value, path, policy, deps);
  }
}

function interceptHook(hook: InterceptableHook, displayPath: string, policy: HookPolicy, deps: InterceptorDeps): void {
  hook.intercept({ register: (tap) => ({ ...tap, fn: wrap(tap, displayPath, policy, deps) }) });
}

function wrap(tap: Tap, hookPath: string, policy: HookPolicy, deps: InterceptorDeps): AnyFn {
  const plugin = tap.name;
  const original = tap.fn as AnyFn;
  const skipped = (args: unknown[]): unknown => (policy.waterfall ? args[0] : undefined);

  if (tap.type === 'sync') {
    return (...args: unknown[]) => {
      if (deps.isDisabled(plugin)) return skipped(args);
      const started = performance.now();
      try {
        const result = original(...args);
        deps.record(plugin, hookPath, performance.now() - started);
        return result;
      } catch (error) {
        const tagged = tagError(error, plugin, hookPath);
        deps.record(plugin, hookPath, performance.now() - started, tagged);
        throw tagged;
      }
    };
  }

  const runBounded = async (args: unknown[]): Promise<unknown> => {
    const started = performance.now();
    try {
      const result = await raceTimeout(() => original(...args), policy.timeoutMs, () => PLUGIN_HOOK_TIMEOUT(plugin, hookPath, policy.timeoutMs));
      deps.record(plugin, hookPath, performance.now() - started);
      return result;
    } catch (error) {
      const tagged = tagError(error, plugin, hookPath);
      deps.record(plugin, hookPath, performance.now() - started, tagged);
      if (!policy.reportErrors) throw tagged;
      const report = args[1] as HealthReporter;
      report({ check: plugin, status: 'fail', message: tagged.message, durationMs: Math.round(performance.now() - started) });
      return undefined;
    }
  };

  if (tap.type === 'promise') {
    return (...args: unknown[]) => (deps.isDisabled(plugin) ? Promise.resolve(skipped(args)) : runBounded(args));
  }

  // Callback-style taps (tapAsync): adapt to the same bounded runner.
  return (...args: unknown[]) => {
    const callback = args.pop() as (error: unknown, result?: unknown) => void;
    if (deps.isDisabled(plugin)) return callback(null, skipped(args));
    const asPromise = (...inner: unknown[]) =>
      new Promise((resolve, reject) => original(...inner, (error: unknown, result: unknown) => (error ? reject(error) : resolve(result))));
    const bounded = wrap({ ...tap, type: 'promise', fn: asPromise } as Tap, hookPath, policy, deps);
    (bounded(...args) as Promise<unknown>).then((result) => callback(null, result), (error: unknown) => callback(error));
  };
}

/** Coded errors pass through (they already say what to do); anything else names the plugin. */
function tagError(error: unknown, plugin: string, hookPath: string): McpctlError {
  if (isMcpctlError(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  return PLUGIN_HOOK_FAILED(plugin, hookPath, message, { cause: error, details: { plugin, hook: hookPath } });
}

const isHook = (value: unknown): value is InterceptableHook => isHookValue(value);
const isHookMap = (value: unknown): value is InterceptableMap => isHookMapValue(value);
