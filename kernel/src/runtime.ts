/**
 * The kernel runtime, for the CLI (and tests) that boot it. Plugins never
 * import this: they get a facade and services through their context.
 */
export { Kernel, type KernelOptions } from './kernel.js';
// What the CLI needs on every start, so that it need not load the package index (which plugins use).
export { ExitCode } from './exit-codes.js';
export * as errors from './errors.js';
export { createLazyLogger, isLogLevel, REDACT_PATHS, type LoggerOptions } from './logger.js';
export { resolvePaths } from './paths.js';
export { CONFIG_SEARCH_PLACES } from './config/search-places.js';
export type { RoutedCommand } from './plugins/catalog.js';
