import type { AsyncParallelHook, AsyncSeriesBailHook, AsyncSeriesHook, AsyncSeriesWaterfallHook, HookMap, SyncHook, SyncWaterfallHook } from 'tapable';
import type { CommandRegistry } from './commands.js';
import type { AuthConfig, McpctlConfig, ServerEntry } from './config.js';
import type { HealthReporter, HealthSubject } from './health.js';
import type { JsonSchema } from './json-schema.js';
import type { Logger } from './logger.js';
import type { ClientSession, McpServerLike, McpTransport, SessionRequest } from './mcp.js';

/** Context passed to `config.transform` taps. */
export interface ConfigTransformContext {
  filepath?: string;
  profile?: string;
  logger: Logger;
}

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
  /** Resolve the entry's `auth:` through the auth hook (loads the providing plugin). */
  clientAuth(auth: AuthConfig, serverName?: string): Promise<ClientAuth>;
}

/** What an auth method gives a client transport. */
export interface ClientAuth {
  /** The method's name, for messages ("bearer", "oauth"…). */
  method: string;
  /** Extra HTTP headers to send (computed per request). Values are secrets: never log them. */
  headers?(): Promise<Record<string, string>> | Record<string, string>;
  /** An OAuth client provider (the SDK's OAuthClientProvider) for transports that support it. */
  oauthProvider?: unknown;
}

export interface AuthRequest {
  /** The `auth:` block of the entry (or gateway config). */
  config: AuthConfig;
  /** The server this is for, if any. */
  serverName?: string;
}

export interface AuthContext {
  logger: Logger;
}

/** Verifies credentials on an endpoint mcpctl exposes (gateway, `serve --transport http`). */
export interface AuthVerifier {
  method: string;
  /** Resolve to the authenticated principal, or throw an McpctlError with exit code / status. */
  verify(request: { headers: Record<string, string | string[] | undefined>; url: string }): Promise<AuthPrincipal>;
}

export interface AuthPrincipal {
  subject: string;
  scopes?: string[];
  claims?: Record<string, unknown>;
}

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

/**
 * Every hook point of the kernel. Declared once (see hooks.ts), frozen.
 * Plugins see a tap-only facade of this object ({@link HooksFacade}).
 */
export interface KernelHooks {
  readonly config: {
    /** Extend the composed config schema (runs for plugins declaring "config.schema"). */
    readonly schema: SyncWaterfallHook<[JsonSchema]>;
    /** Transform the loaded config after interpolation and before validation (secret references, defaults). */
    readonly transform: AsyncSeriesWaterfallHook<[McpctlConfig, ConfigTransformContext]>;
  };
  /** Build an MCP server for an entry whose `type` is the key. First tap to return a value wins. */
  readonly serverType: HookMap<AsyncSeriesBailHook<[ServerBuildRequest, ServerBuildContext], McpServerLike | undefined>>;
  /** Build a client transport for a target; keyed by transport name. */
  readonly transport: HookMap<AsyncSeriesBailHook<[TransportRequest, TransportContext], McpTransport | undefined>>;
  readonly auth: {
    /** Credentials for a client transport, keyed by auth method. */
    readonly client: HookMap<AsyncSeriesBailHook<[AuthRequest, AuthContext], ClientAuth | undefined>>;
    /** Credential verification for an exposed endpoint, keyed by auth method. */
    readonly verifier: HookMap<AsyncSeriesBailHook<[AuthRequest, AuthContext], AuthVerifier | undefined>>;
  };
  /** Contribute health checks. Taps report results; a throw or timeout becomes a failed check, never an exception. */
  readonly health: AsyncParallelHook<[HealthSubject, HealthReporter]>;
  /**
   * Offer a ready client session for a configured server (e.g. the daemon's
   * warm sessions). First tap to return one wins; when none does, the caller
   * connects directly through the transport hook.
   */
  readonly session: AsyncSeriesBailHook<[SessionRequest], ClientSession | undefined>;
  /** Register CLI commands (specs whose paths the plugin's manifest declares). */
  readonly commands: SyncHook<[CommandRegistry]>;
  readonly lifecycle: {
    readonly serverStarting: AsyncSeriesHook<[ServerLifecycleEvent]>;
    readonly serverReady: AsyncSeriesHook<[ServerLifecycleEvent]>;
    readonly serverExited: AsyncSeriesHook<[ServerLifecycleEvent]>;
    /** The process is shutting down; release resources. */
    readonly shutdown: AsyncParallelHook<[]>;
  };
}

/** Options a plugin may give when tapping; the tap name is always the plugin's name. */
export interface TapOptions {
  /** Ordering: lower stages run first (see `Stage`). */
  stage?: number;
  /** Run before the taps of these plugins. */
  before?: string | string[];
}

type TapFn<Args extends unknown[], R> = (...args: Args) => R;

/** Tap-only view of a tapable hook. */
export interface TapOnly<Args extends unknown[], R> {
  tap(fn: TapFn<Args, R>): void;
  tap(options: TapOptions, fn: TapFn<Args, R>): void;
  tapPromise(fn: TapFn<Args, Promise<R>>): void;
  tapPromise(options: TapOptions, fn: TapFn<Args, Promise<R>>): void;
}

/** Tap-only view of a HookMap. */
export interface TapOnlyMap<Args extends unknown[], R> {
  for(key: string): TapOnly<Args, R>;
}

type HookArgs<H> = H extends { promise: (...args: infer A) => unknown } ? A : H extends { call: (...args: infer A) => unknown } ? A : never;
type HookResult<H> = H extends { promise: (...args: never[]) => Promise<infer R> } ? R : H extends { call: (...args: never[]) => infer R } ? R : void;

/** Turns the hooks object into its tap-only facade type. */
export type Facade<T> = T extends HookMap<infer H> ? TapOnlyMap<HookArgs<H>, HookResult<H>>
  : T extends { tap: unknown } ? TapOnly<HookArgs<T>, HookResult<T>>
  : { readonly [K in keyof T]: Facade<T[K]> };

/** What `ctx.hooks` is in a plugin's setup: tap, never call. */
export type HooksFacade = Facade<KernelHooks>;
