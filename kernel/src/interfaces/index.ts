/** Public types for plugin authors, gathered in one place. */
export type * from './auth.js';
export type * from './commands.js';
export type * from './config.js';
export type * from './health.js';
export type * from './hook-declaration.js';
export type * from './hooks.js';
export type * from './json-schema.js';
export type * from './logger.js';
export type * from './manifest.js';
export type * from './mcp.js';
export type * from './plugin.js';
export type * from './plugin-record.js';
export type * from './server.js';
export type * from './services.js';
export type * from './transport.js';
