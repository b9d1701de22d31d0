import type { JsonValue } from './json-schema.js';
import type { Logger, LogLevel } from './logger.js';

/** One entry under `servers:`. `type` names a server type or a transport. */
export interface ServerEntry {
  type: string;
  /** Optional human description. */
  description?: string;
  /** How mcpctl authenticates to this server (a client auth method). */
  auth?: AuthConfig;
  [option: string]: unknown;
}

/**
 * An `auth:` block: `method` names a client auth method (on an entry: how
 * mcpctl authenticates to that server) or a verifier (under `serve.auth`:
 * how requests to an endpoint mcpctl exposes are checked).
 */
export interface AuthConfig {
  method: string;
  [option: string]: unknown;
}

/** The resolved config, after interpolation, profile merge and defaults. */
export interface McpctlConfig {
  $schema?: string;
  servers: Record<string, ServerEntry>;
  /** Extra plugins: package names or paths (relative to the config file). */
  plugins: string[];
  /** Per-plugin settings, keyed by plugin name, validated by the plugin's schema. */
  pluginConfig: Record<string, Record<string, JsonValue>>;
  profiles: Record<string, Partial<Omit<McpctlConfig, 'profiles'>>>;
  logging: { level?: LogLevel; redact?: string[] };
  [key: string]: unknown;
}

/** Where a resolved config came from. */
export interface LoadedConfig {
  /** Absolute path of the file, or undefined when no config file exists. */
  filepath?: string;
  /** The profile that was applied, if any. */
  profile?: string;
  config: McpctlConfig;
  /** Dotted/JSON-pointer paths whose values came from secrets (`${env:…}`), for redaction. */
  secretPointers: string[];
}

/** Context passed to `config.transform` taps. */
export interface ConfigTransformContext {
  filepath?: string;
  profile?: string;
  logger: Logger;
}
