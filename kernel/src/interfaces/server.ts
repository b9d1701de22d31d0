import type { ServerEntry } from './config.js';
import type { Logger } from './logger.js';

/** A request to build an MCP server for a configured entry (`serverType` hook). */
export interface ServerBuildRequest {
  name: string;
  entry: ServerEntry;
}

export interface ServerBuildContext {
  logger: Logger;
  signal?: AbortSignal;
  /** Directory of the config file (relative paths in entries resolve against it). */
  baseDir: string;
}

/** Lifecycle events for servers mcpctl runs or supervises. */
export interface ServerLifecycleEvent {
  name: string;
  entry: ServerEntry;
  pid?: number;
  /** Present on `serverExited`. */
  exitCode?: number | null;
  signal?: string | null;
  reason?: string;
}
