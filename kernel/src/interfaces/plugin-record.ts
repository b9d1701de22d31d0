import type { PluginManifest } from './manifest.js';

/**
 * Where a plugin was discovered; higher index = higher precedence. `linked` is
 * an entry of the user plugin folder that is a symbolic link to a directory
 * outside it (a working copy, `mcpctl plugins link`).
 */
export type PluginSource = 'builtin' | 'config' | 'user' | 'linked' | 'env';

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
