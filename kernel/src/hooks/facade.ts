import { isHook as isHookValue, isHookMap as isHookMapValue } from './hook-kind.js';
import type { HooksFacade, TapOptions } from '../interfaces/hooks.js';

type AnyFn = (...args: unknown[]) => unknown;
interface TappableHook {
  tap(options: object, fn: AnyFn): void;
  tapPromise(options: object, fn: AnyFn): void;
  taps: unknown[];
}
interface TappableMap {
  for(key: string): TappableHook;
}

/**
 * A tap-only view of the hooks for one plugin: `tap` and `tapPromise`, with
 * the tap name forced to the plugin's name (the interceptor relies on it).
 * No `call`, no `intercept`, no way to reach the real hook objects.
 */
export function createHooksFacade(hooks: object, pluginName: string): HooksFacade {
  return facadeOf(hooks, pluginName) as HooksFacade;
}

function facadeOf(node: object, pluginName: string): object {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (isHookMap(value)) result[key] = Object.freeze({ for: (mapKey: string) => tapOnly(value.for(mapKey), pluginName) });
    else if (isHook(value)) result[key] = tapOnly(value, pluginName);
    else if (typeof value === 'object' && value !== null) result[key] = facadeOf(value, pluginName);
  }
  return Object.freeze(result);
}

function tapOnly(hook: TappableHook, pluginName: string): object {
  const options = (given: TapOptions | AnyFn): object => (typeof given === 'function' ? { name: pluginName } : { stage: given.stage, before: given.before, name: pluginName });
  const fnOf = (given: TapOptions | AnyFn, fn?: AnyFn): AnyFn => {
    const chosen = typeof given === 'function' ? given : fn;
    if (typeof chosen !== 'function') throw new TypeError(`Plugin ${pluginName}: tap needs a function`);
    return chosen;
  };
  return Object.freeze({
    tap: (given: TapOptions | AnyFn, fn?: AnyFn) => hook.tap(options(given), fnOf(given, fn)),
    tapPromise: (given: TapOptions | AnyFn, fn?: AnyFn) => hook.tapPromise(options(given), fnOf(given, fn)),
  });
}

const isHook = (value: unknown): value is TappableHook => isHookValue(value);
const isHookMap = (value: unknown): value is TappableMap => isHookMapValue(value);
