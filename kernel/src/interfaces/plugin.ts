import type { HooksFacade, OwnHooks } from './hooks.js';
import type { Logger } from './logger.js';

/** What `setup` receives. */
export interface PluginContext<Config = Record<string, unknown>> {
  /** The plugin's package name. */
  readonly name: string;
  readonly version: string;
  /** Tap-only hooks; every tap is tagged with this plugin's name, timed and bounded by a timeout. */
  readonly hooks: HooksFacade;
  /** The hooks this plugin declares in `provides.hooks`, to call (and tap). */
  readonly ownHooks: OwnHooks;
  /** A pino child logger named after the plugin. */
  readonly logger: Logger;
  /** `pluginConfig.<name>` from the config, validated against the plugin's settings schema. */
  readonly config: Config;
  /** Kernel package version and plugin API version. */
  readonly kernel: { readonly version: string; readonly apiVersion: string };
}

/** The object a plugin's entry module exports (default export or `module.exports`). */
export interface PluginDefinition<Config = Record<string, unknown>> {
  /** Must equal the package name. */
  name: string;
  setup(ctx: PluginContext<Config>): void | Promise<void>;
}
