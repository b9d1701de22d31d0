/**
 * The `mcpctl` field of a plugin's package.json, validated against
 * schemas/plugin-manifest.schema.json. Everything here is static data: the CLI
 * routes commands, prints help and validates config from manifests alone,
 * without importing any plugin code.
 */
export interface PluginManifest {
  /** semver range of the kernel plugin API this plugin was written for, e.g. "^1.0.0". */
  apiVersion: string;
  /** Module to import, relative to the package root (ESM or CommonJS). */
  entry: string;
  /** JSON Schema file (relative to the package root) with the plugin's config fragments. */
  configSchema?: string;
  /** What the plugin contributes. */
  provides?: PluginProvides;
}

export interface PluginProvides {
  serverTypes?: ProvidedName[];
  transports?: ProvidedName[];
  authMethods?: ProvidedName[];
  commands?: ProvidedCommand[];
  /**
   * Un-keyed hooks the plugin taps, so the kernel loads the plugin before
   * calling them: "config.schema", "config.transform", "health", "lifecycle", "session".
   */
  hooks?: EagerHookName[];
}

export type EagerHookName = 'config.schema' | 'config.transform' | 'health' | 'lifecycle' | 'session';

export interface ProvidedName {
  name: string;
  summary?: string;
}

export interface ProvidedCommand {
  /** Command path, e.g. ["config", "show"] for `mcpctl config show`. */
  path: string[];
  /** One line for `mcpctl --help`. */
  summary: string;
  /** Category heading in `mcpctl --help`. */
  category?: string;
  /** Hidden from `--help` (still runnable). */
  hidden?: boolean;
}
