import type {
  AsyncParallelBailHook,
  AsyncParallelHook,
  AsyncSeriesBailHook,
  AsyncSeriesHook,
  AsyncSeriesWaterfallHook,
  HookMap,
  SyncBailHook,
  SyncHook,
  SyncWaterfallHook,
} from 'tapable';
import type { HookTable, TableEntry } from '../hooks/hook-table.js';
import type { HookKind } from './hook-declaration.js';

/** The tapable class of a hook kind, with its argument tuple and result. */
export type TapableHook<K extends HookKind, Args extends unknown[], Result> =
  K extends 'SyncHook' ? SyncHook<Args>
  : K extends 'SyncBailHook' ? SyncBailHook<Args, Result>
  : K extends 'SyncWaterfallHook' ? SyncWaterfallHook<Args, Result>
  : K extends 'AsyncSeriesHook' ? AsyncSeriesHook<Args>
  : K extends 'AsyncSeriesBailHook' ? AsyncSeriesBailHook<Args, Result>
  : K extends 'AsyncSeriesWaterfallHook' ? AsyncSeriesWaterfallHook<Args, Result>
  : K extends 'AsyncParallelHook' ? AsyncParallelHook<Args>
  : K extends 'AsyncParallelBailHook' ? AsyncParallelBailHook<Args, Result>
  : never;

/** The hook object a table node becomes: a tapable hook, a HookMap of them, or a frozen group. */
export type HooksOf<T> = T extends TableEntry<infer K, infer Keyed, infer Args, infer Result>
  ? Keyed extends true ? HookMap<TapableHook<K, Args, Result>> : TapableHook<K, Args, Result>
  : { readonly [Key in keyof T]: HooksOf<T[Key]> };

/**
 * Every hook point of the kernel, derived from the hook table
 * (kernel/src/hooks/hook-table.ts, where each one is documented). Frozen.
 * Plugins see a tap-only facade of this object ({@link HooksFacade}).
 */
export type KernelHooks = HooksOf<HookTable>;

/** Options a plugin may give when tapping; the tap name is always the plugin's name. */
export interface TapOptions {
  /** Ordering: lower stages run first (see `Stage`). */
  stage?: number;
  /** Run before the taps of these plugins. */
  before?: string | string[];
}

type TapFn<Args extends unknown[], R> = (...args: Args) => R;

/** Tap-only view of a tapable hook. */
export interface TapOnly<Args extends unknown[], R> {
  tap(fn: TapFn<Args, R>): void;
  tap(options: TapOptions, fn: TapFn<Args, R>): void;
  tapPromise(fn: TapFn<Args, Promise<R>>): void;
  tapPromise(options: TapOptions, fn: TapFn<Args, Promise<R>>): void;
}

/** Tap-only view of a HookMap. */
export interface TapOnlyMap<Args extends unknown[], R> {
  for(key: string): TapOnly<Args, R>;
}

type HookArgs<H> = H extends { promise: (...args: infer A) => unknown } ? A : H extends { call: (...args: infer A) => unknown } ? A : never;
type HookResult<H> = H extends { promise: (...args: never[]) => Promise<infer R> } ? R : H extends { call: (...args: never[]) => infer R } ? R : void;

/** Turns the hooks object into its tap-only facade type. */
export type Facade<T> = T extends HookMap<infer H> ? TapOnlyMap<HookArgs<H>, HookResult<H>>
  : T extends { tap: unknown } ? TapOnly<HookArgs<T>, HookResult<T>>
  : { readonly [K in keyof T]: Facade<T[K]> };

/**
 * What `ctx.hooks` is in a plugin's setup: tap, never call. Hooks other
 * plugins declare in their manifests (`provides.hooks`) are reached with
 * `plugin(name)` (un-keyed) or `pluginMap(name)` (keyed); the type
 * arguments are the declaring plugin's documented argument tuple and result.
 */
export type HooksFacade = Facade<KernelHooks> & {
  /** Tap a hook another plugin declared, e.g. `plugin<[GatewayRequest], Decision | undefined>('gateway.authorize')`. */
  plugin<Args extends unknown[] = unknown[], R = unknown>(name: string): TapOnly<Args, R>;
  /** Tap a keyed hook another plugin declared: `pluginMap(name).for(key)`. */
  pluginMap<Args extends unknown[] = unknown[], R = unknown>(name: string): TapOnlyMap<Args, R>;
};

/** A hook the plugin itself declared, as it may use it: call it (and tap it). */
export interface CallableHook<Args extends unknown[], R> extends TapOnly<Args, R> {
  /** Sync hooks. */
  call(...args: Args): R;
  /** Async hooks. */
  promise(...args: Args): Promise<R>;
  /** Whether any plugin tapped it (skip building arguments nobody reads). */
  isUsed(): boolean;
}

export interface CallableHookMap<Args extends unknown[], R> {
  for(key: string): CallableHook<Args, R>;
}

/**
 * `ctx.ownHooks`: the hooks this plugin declared in `provides.hooks`,
 * created by the kernel from the declaration and wrapped by the same
 * interceptor as the kernel's (every tap tagged, timed, bounded; a disabled
 * plugin's taps pass through). Asking for a name the manifest does not
 * declare throws MCPCTL_PLUGIN_HOOK_UNDECLARED.
 */
export interface OwnHooks {
  hook<Args extends unknown[] = unknown[], R = unknown>(name: string): CallableHook<Args, R>;
  map<Args extends unknown[] = unknown[], R = unknown>(name: string): CallableHookMap<Args, R>;
}
