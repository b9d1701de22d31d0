import type { AuthVerifier, ClientAuth } from './auth.js';
import type { AuthConfig, LoadedConfig, ServerEntry } from './config.js';
import type { HealthCheckResult, HealthSubject } from './health.js';
import type { JsonSchema } from './json-schema.js';
import type { Logger } from './logger.js';
import type { ClientSession, McpServerLike, McpTransport, SessionRequest } from './mcp.js';
import type { PluginProblem, PluginRecord } from './plugin-record.js';
import type { ServerLifecycleEvent } from './server.js';

/** What a plugin can provide by name; each kind is a separate namespace. */
export type ProvidedKind = 'serverType' | 'transport' | 'clientAuth' | 'verifier';

/** Per-user directories mcpctl uses (XDG). */
export interface McpctlPaths {
  config: string;
  data: string;
  cache: string;
  state: string;
  runtime: string;
  /** Where `mcpctl plugins install` puts plugins. */
  plugins: string;
}

/** Read access to what discovery found. */
export interface PluginCatalog {
  list(): PluginRecord[];
  get(name: string): PluginRecord | undefined;
  problems(): PluginProblem[];
  /** The plugin that provides a server type / transport / client auth method / verifier, if any (manifest data). */
  providerOf(kind: ProvidedKind, name: string): PluginRecord | undefined;
  /** Every known name of a kind, for error messages. */
  names(kind: ProvidedKind): string[];
}

/**
 * What commands get as `ctx.kernel`: services that call hooks on behalf of
 * the caller, importing the providing plugin on first use.
 */
export interface KernelServices {
  readonly version: string;
  readonly apiVersion: string;
  readonly logger: Logger;
  readonly paths: McpctlPaths;
  readonly plugins: PluginCatalog;
  /** Global options the CLI was started with. */
  readonly options: { configPath?: string; profile?: string; safeMode: boolean; cwd: string };

  /** Load, interpolate, transform and validate the config (cached for the process). */
  loadConfig(): Promise<LoadedConfig>;
  /** The one composed JSON Schema (kernel base + every plugin fragment). */
  configSchema(): Promise<JsonSchema>;
  /** Load every plugin now (for `plugins doctor`): returns all problems. */
  loadAllPlugins(): Promise<PluginProblem[]>;

  createTransport(transport: string, entry: ServerEntry, options?: { name?: string; timeoutMs?: number; signal?: AbortSignal }): Promise<McpTransport>;
  clientAuth(auth: AuthConfig, serverName?: string): Promise<ClientAuth>;
  /** Build the verifier for an `auth:` block guarding an endpoint (e.g. `serve.auth`). */
  authVerifier(auth: AuthConfig, options: { serverName?: string; endpointPath: string }): Promise<AuthVerifier>;
  buildServer(name: string, entry: ServerEntry, options?: { signal?: AbortSignal; baseDir?: string }): Promise<McpServerLike>;
  /**
   * Ask plugins (the `session` hook, e.g. the daemon) for a ready session to a
   * configured server; undefined when none offers one (then connect directly).
   */
  offeredSession(request: SessionRequest): Promise<ClientSession | undefined>;
  /** Whether `type` names a server type (hosted) rather than a transport. */
  isServerType(type: string): boolean;
  /** Run every plugin-contributed health check for a subject; never throws. */
  runHealthChecks(subject: HealthSubject, options?: { timeoutMs?: number }): Promise<HealthCheckResult[]>;
  readonly lifecycle: {
    serverStarting(event: ServerLifecycleEvent): Promise<void>;
    serverReady(event: ServerLifecycleEvent): Promise<void>;
    serverExited(event: ServerLifecycleEvent): Promise<void>;
    shutdown(): Promise<void>;
  };
}
