import type { ClientAuth } from './auth.js';
import type { AuthConfig, ServerEntry } from './config.js';
import type { Logger } from './logger.js';

/** A request to build a client transport to a server (`transport` hook). */
export interface TransportRequest {
  /** Configured server name, when the target came from config. */
  name?: string;
  /** The transport name being asked for (the HookMap key). */
  transport: string;
  /** The entry's options: command/args/env/cwd for stdio, url/headers for HTTP… */
  entry: ServerEntry;
  /** Connect timeout in milliseconds. */
  timeoutMs?: number;
}

export interface TransportContext {
  logger: Logger;
  signal?: AbortSignal;
  /** Resolve the entry's `auth:` through the client auth hook (loads the providing plugin). */
  clientAuth(auth: AuthConfig, serverName?: string): Promise<ClientAuth>;
}
