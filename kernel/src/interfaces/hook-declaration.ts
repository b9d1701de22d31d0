/** The tapable hook classes a hook may be (loop hooks are not offered). */
export type HookKind =
  | 'SyncHook'
  | 'SyncBailHook'
  | 'SyncWaterfallHook'
  | 'AsyncSeriesHook'
  | 'AsyncSeriesBailHook'
  | 'AsyncSeriesWaterfallHook'
  | 'AsyncParallelHook'
  | 'AsyncParallelBailHook';

/**
 * A hook, as data: what the kernel needs to create it and to wrap its taps.
 * Kernel hooks are declared in the kernel's hook table; a plugin declares
 * its own in its manifest (`provides.hooks`, see {@link ProvidedHook}).
 */
export interface HookDeclaration {
  kind: HookKind;
  /** A HookMap: tapped and called per key (`hook.for(key)`). */
  keyed?: boolean;
  /** Argument names (tapable's, and the documentation's). */
  args: readonly string[];
  /** Milliseconds one async tap may take before it fails with MCPCTL_PLUGIN_HOOK_TIMEOUT. */
  timeoutMs: number;
  /**
   * The `provides.taps` name that makes the kernel load a plugin before the
   * hook is called. Hooks without one reach their taps another way (keyed
   * hooks through the provider's manifest, `commands` through routing).
   */
  eager?: string;
  /** Failures become failed results through the second argument (a reporter) instead of exceptions. */
  reportErrors?: boolean;
  /** One or two sentences for the hook reference. */
  doc: string;
}
