import type { HooksFacade } from './hooks.js';
import type { Logger } from './logger.js';
import type { PluginManifest } from './manifest.js';

/** What `setup` receives. */
export interface PluginContext<Config = Record<string, unknown>> {
  /** The plugin's package name. */
  readonly name: string;
  readonly version: string;
  /** Tap-only hooks; every tap is tagged with this plugin's name, timed and bounded by a timeout. */
  readonly hooks: HooksFacade;
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

/** Where a plugin was discovered; higher index = higher precedence. */
export type PluginSource = 'builtin' | 'config' | 'user' | 'env';

export type PluginState = 'discovered' | 'loaded' | 'failed' | 'shadowed';

/** What `mcpctl plugins list/info` shows: manifest data, no code. */
export interface PluginRecord {
  name: string;
  version: string;
  source: PluginSource;
  /** Absolute package directory. */
  dir: string;
  manifest: PluginManifest;
  state: PluginState;
  description?: string;
  /** Absolute path of the config schema file, if any. */
  configSchemaPath?: string;
}

/** A problem found while discovering or loading a plugin. */
export interface PluginProblem {
  /** Stable error code, e.g. MCPCTL_PLUGIN_MANIFEST_INVALID. */
  code: string;
  /** The plugin's name (or the package/path that was asked for when no name could be read). */
  plugin: string;
  source: PluginSource;
  /** Where it was found. */
  path: string;
  message: string;
  hint: string;
  severity: 'error' | 'warning';
}
