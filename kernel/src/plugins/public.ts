/**
 * `@mcpctl/kernel/plugins`: the checks discovery applies to a plugin package,
 * for tools that handle packages before they are installed (the installer
 * inspects a staged package with exactly the rules discovery will use).
 */
export { inspectPackage, type InspectedPlugin } from './inspect-package.js';
export { apiVersionSatisfies, validateManifest } from './manifest.js';
export { packageNameOf } from './candidates.js';
