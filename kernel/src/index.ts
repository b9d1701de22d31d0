/**
 * @mcpctl/kernel — the public API for plugin authors and the CLI.
 * Types live in ./interfaces; everything exported here is stable within a
 * plugin API major version.
 */
export type * from './interfaces/index.js';
export { definePlugin, defineCommand } from './define.js';
export { Stage } from './stages.js';
export { ExitCode, type ExitCodeValue } from './exit-codes.js';
export { McpctlError, createError, isMcpctlError, type ErrorFactory, type McpctlErrorOptions } from './errors.js';
export * as errors from './errors.js';
export { writeFileAtomic, type AtomicWriteOptions } from './util/atomic-write.js';
// The one-module entry: every command loads this index, and the rest of the package is for reading config.
export { didYouMean, editDistance } from '@mcpctl/diagnostics/suggest';
export { resolvePaths } from './paths.js';
export { KERNEL_VERSION, PLUGIN_API_VERSION } from './version.js';
