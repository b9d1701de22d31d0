/**
 * The config subsystem: find and read the file (cosmiconfig), resolve it
 * (profile, `${env:…}`), compose the JSON Schema from the kernel's base and
 * the plugins' fragments, validate in stages, and redact secrets for output.
 * Heavy dependencies (cosmiconfig, yaml, ajv) load on first use.
 */
export { readConfigFile, type ReadConfigOptions } from './read-config-file.js';
export { searchDirectories } from '../config-locate.js';
export { resolveConfig, type ResolveOptions } from './resolve-config.js';
export { composeConfigSchema } from './compose-schema.js';
export { validateConfig } from './validate-config.js';
export { checkConfigFragment } from './validators.js';
export { configInvalidError, formatIssue } from './config-invalid-error.js';
export { redactConfig, redactString, REDACTED } from './redact.js';
export { interpolateString } from './interpolate.js';
export { deepMerge } from './profiles.js';
export { CONFIG_SCHEMA_ID, baseConfigSchema } from './base-schema.js';
export { CONFIG_ENV_VAR, CONFIG_MODULE_NAME, CONFIG_SEARCH_PLACES } from './search-places.js';
export type { ConfigFormat, ConfigFragment, ConfigIssue, KnownProviders, RawConfigFile, ResolvedConfig, SourcePosition, ValidateOptions } from './types.js';
