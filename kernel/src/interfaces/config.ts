import type { JsonValue } from './json-schema.js';
import type { LogLevel } from './logger.js';

/** One entry under `servers:`. `type` names a server type or a transport. */
export interface ServerEntry {
  type: string;
  /** Optional human description. */
  description?: string;
  /** How to authenticate to (transports) or on (served) this server. */
  auth?: AuthConfig;
  [option: string]: unknown;
}

/** `auth:` on a server entry: the method names an auth plugin. */
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
