import type { SourcePosition } from '@mcpctl/diagnostics';
import type { McpctlConfig } from '../interfaces/config.js';
import type { JsonSchema } from '../interfaces/json-schema.js';

export type { SourcePosition };

export type ConfigFormat = 'yaml' | 'json' | 'js' | 'ts' | 'package.json';

/** A config file as read from disk, before profiles, interpolation and validation. */
export interface RawConfigFile {
  /** Absolute path. */
  filepath: string;
  format: ConfigFormat;
  /** The parsed value (for package.json: the `mcpctl` property). */
  raw: unknown;
  /** The file's text, for YAML and JSON formats. */
  sourceText?: string;
  /**
   * Where the value at a JSON pointer (relative to the config, not the file)
   * starts. For an object member this is its key. Undefined when the pointer
   * does not exist in the file or the format has no positions (JS, TS).
   */
  positions: (pointer: string) => SourcePosition | undefined;
}

/** The result of {@link resolveConfig}. */
export interface ResolvedConfig {
  config: McpctlConfig;
  /** The profile that was applied, if any. */
  profile?: string;
  /** JSON pointers of values that came from `${env:…}` references. */
  secretPointers: string[];
}

/**
 * A plugin's contribution to the config schema: its config-schema file and
 * the names its manifest says it provides.
 */
export interface ConfigFragment {
  /** The plugin's package name. */
  plugin: string;
  /** Where the schema file is (for messages). */
  schemaPath: string;
  /** The schema document: `$id` plus flat `$defs` ("settings", "serverEntry", "serverType:<n>", "transport:<n>", "clientAuth:<n>", "verifier:<n>"). */
  schema: JsonSchema;
  serverTypes: string[];
  transports: string[];
  clientAuth: string[];
  verifiers: string[];
}

/**
 * Names a known-but-absent plugin would provide, for "install X" hints:
 * type or auth method name → package name. Data the CLI carries.
 */
export type KnownProviders = Readonly<Record<string, string>>;

/** One problem found while validating a config. */
export interface ConfigIssue {
  /** JSON pointer into the resolved config ("" is the root). */
  pointer: string;
  line?: number;
  column?: number;
  message: string;
  /** What the schema wanted, in words ("string", "one of stdio, http"). */
  expected?: string;
  /** What the config had, in words ("number 42"). */
  found?: string;
  hint: string;
}

export interface ValidateOptions {
  /** The file the config came from: gives issues their line and column. */
  file?: RawConfigFile;
  /** The applied profile: positions are looked up under `profiles.<name>` first. */
  profile?: string;
  knownProviders?: KnownProviders;
  /** How to install a package, in words (from the plugin that installs plugins); default: the npm route. */
  installHint?: (packageName: string) => string;
  /** Pointers of secret values (from {@link ResolvedConfig}): issues never quote them. */
  secretPointers?: readonly string[];
  /** Names of every installed plugin; when given, unknown `pluginConfig` keys are issues. */
  knownPlugins?: readonly string[];
  /** The kernel base schema to use instead of schemas/config.schema.json (e.g. after the config.schema hook). */
  baseSchema?: JsonSchema;
}
