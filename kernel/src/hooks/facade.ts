import { isHook as isHookValue, isHookMap as isHookMapValue } from './hook-kind.js';
import type { HooksFacade, OwnHooks, TapOptions } from '../interfaces/hooks.js';
import { PLUGIN_HOOK_UNDECLARED } from '../errors.js';
import type { Logger } from '../interfaces/logger.js';

type AnyFn = (...args: unknown[]) => unknown;
interface TappableHook {
  tap(options: object, fn: AnyFn): void;
  tapPromise(options: object, fn: AnyFn): void;
  call?: AnyFn;
  promise?: AnyFn;
  taps: unknown[];
}
interface TappableMap {
  for(key: string): TappableHook;
}

/** Where the facade finds the hooks plugins declare (see PluginHookRegistry). */
export interface DeclaredHookSource {
  /** The hook (or HookMap) named `name`, created on first request; undefined when no usable plugin declares it. */
  get(name: string): object | undefined;
  /** The plugin that declares `name`, if any. */
  owner(name: string): string | undefined;
}

/**
 * A tap-only view of the hooks for one plugin: `tap` and `tapPromise`, with
 * the tap name forced to the plugin's name (the interceptor relies on it).
 * No `call`, no `intercept`, no way to reach the real hook objects.
 */
export function createHooksFacade(hooks: object, pluginName: string, declared?: DeclaredHookSource, logger?: Logger): HooksFacade {
  const facade = facadeOf(hooks, pluginName);
  const declaredHook = (name: string): object | undefined => {
    const hook = declared?.get(name);
    if (!hook) logger?.debug({ plugin: pluginName, hook: name }, 'no loaded plugin declares this hook; its taps never run');
    return hook;
  };
  facade['plugin'] = (name: string) => {
    const hook = declaredHook(name);
    return hook && isHook(hook) ? tapOnly(hook, pluginName) : inert();
  };
  facade['pluginMap'] = (name: string) => {
    const hook = declaredHook(name);
    return Object.freeze({ for: (key: string) => (hook && isHookMap(hook) ? tapOnly(hook.for(key), pluginName) : inert()) });
  };
  return Object.freeze(facade) as HooksFacade;
}

/** `ctx.ownHooks`: the declaring plugin's own hooks, callable. */
export function createOwnHooks(pluginName: string, declared: DeclaredHookSource): OwnHooks {
  const own = (name: string): object => {
    const hook = declared.owner(name) === pluginName ? declared.get(name) : undefined;
    if (!hook) throw PLUGIN_HOOK_UNDECLARED(pluginName, name);
    return hook;
  };
  return Object.freeze({
    hook: (name: string) => {
      const hook = own(name);
      if (!isHook(hook)) throw PLUGIN_HOOK_UNDECLARED(pluginName, name, { hint: `"${name}" is declared keyed: use ownHooks.map("${name}").for(key).` });
      return callable(hook, pluginName);
    },
    map: (name: string) => {
      const hook = own(name);
      if (!isHookMap(hook)) throw PLUGIN_HOOK_UNDECLARED(pluginName, name, { hint: `"${name}" is not declared keyed: use ownHooks.hook("${name}").` });
      return Object.freeze({ for: (key: string) => callable(hook.for(key), pluginName) });
    },
  }) as OwnHooks;
}

function facadeOf(node: object, pluginName: string): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (isHookMap(value)) result[key] = Object.freeze({ for: (mapKey: string) => tapOnly(value.for(mapKey), pluginName) });
    else if (isHook(value)) result[key] = tapOnly(value, pluginName);
    else if (typeof value === 'object' && value !== null) result[key] = Object.freeze(facadeOf(value, pluginName));
  }
  return result;
}

function tapMethods(hook: TappableHook, pluginName: string) {
  const options = (given: TapOptions | AnyFn): object => (typeof given === 'function' ? { name: pluginName } : { stage: given.stage, before: given.before, name: pluginName });
  const fnOf = (given: TapOptions | AnyFn, fn?: AnyFn): AnyFn => {
    const chosen = typeof given === 'function' ? given : fn;
    if (typeof chosen !== 'function') throw new TypeError(`Plugin ${pluginName}: tap needs a function`);
    return chosen;
  };
  return {
    tap: (given: TapOptions | AnyFn, fn?: AnyFn) => hook.tap(options(given), fnOf(given, fn)),
    tapPromise: (given: TapOptions | AnyFn, fn?: AnyFn) => hook.tapPromise(options(given), fnOf(given, fn)),
  };
}

function tapOnly(hook: TappableHook, pluginName: string): object {
  return Object.freeze(tapMethods(hook, pluginName));
}

function callable(hook: TappableHook, pluginName: string): object {
  const missing = (method: string) => () => {
    throw new TypeError(`Plugin ${pluginName}: this hook has no ${method}() (sync hooks are called with call(), async ones with promise())`);
  };
  return Object.freeze({
    ...tapMethods(hook, pluginName),
    call: hook.call ? hook.call.bind(hook) : missing('call'),
    promise: hook.promise ? hook.promise.bind(hook) : missing('promise'),
    // tapable's own isUsed() counts interceptors, and every hook has the kernel's.
    isUsed: () => hook.taps.length > 0,
  });
}

/** A tap target for a hook no loaded plugin declares: taps are accepted and never run. */
function inert(): object {
  return Object.freeze({ tap: () => undefined, tapPromise: () => undefined });
}

const isHook = (value: unknown): value is TappableHook => isHookValue(value);
const isHookMap = (value: unknown): value is TappableMap => isHookMapValue(value);
