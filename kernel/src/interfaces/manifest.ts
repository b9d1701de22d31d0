import type { HookKind } from './hook-declaration.js';

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
  /** Client auth methods: credentials a transport sends to a remote server (`auth: { method }` on an entry). */
  clientAuth?: ProvidedName[];
  /** Verifiers: check credentials on an endpoint mcpctl exposes (e.g. `serve: { auth: { method } }`). */
  verifiers?: ProvidedName[];
  commands?: ProvidedCommand[];
  /**
   * Un-keyed hooks the plugin taps, so the kernel loads the plugin before
   * they are called: the kernel's "config.schema", "config.transform",
   * "health", "lifecycle", "session", or a hook another plugin declares
   * ("gateway.authorize").
   */
  taps?: string[];
  /** Hooks of the plugin's own, for other plugins to tap. */
  hooks?: ProvidedHook[];
  /**
   * Advice the kernel adds to its messages, so the kernel need not name any
   * plugin's commands: keyed by error code (shown with that error), or
   * `install` (how to install a plugin; `{package}` is replaced).
   */
  hints?: Record<string, string>;
}

/** The kernel hooks a manifest's `taps` may name (derived from the hook table). */
export type EagerHookName = 'config.schema' | 'config.transform' | 'health' | 'lifecycle' | 'session';

export interface ProvidedName {
  name: string;
  summary?: string;
}

/**
 * A hook a plugin declares. `name` is `<namespace>.<hook>` where the
 * namespace is the plugin's short name (its package name without the scope
 * and a leading `plugin-` or `mcpctl-plugin-`): `@mcpctl/plugin-gateway` →
 * `gateway.authorize`.
 */
export interface ProvidedHook {
  name: string;
  kind: HookKind;
  /** Argument names; their count is the hook's arity. */
  args: string[];
  /** A HookMap, tapped and called per key. */
  keyed?: boolean;
  /** Milliseconds one async tap may take (default 30000). */
  timeoutMs?: number;
  /** Shown by `plugins info`. */
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
  /**
   * A running daemon may run this command in its warm process for a thin
   * client (see docs/daemon.md): only for a command that reaches servers
   * through sessions the runner offers (`ctx.kernel.offeredSession`) and
   * needs nothing else of the invoking process. Default false.
   */
  remotable?: boolean;
}
