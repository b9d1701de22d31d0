import type { AuthContext, AuthRequest, AuthVerifier, ClientAuth, VerifierRequest } from '../interfaces/auth.js';
import type { CommandRegistry } from '../interfaces/commands.js';
import type { ConfigTransformContext, McpctlConfig } from '../interfaces/config.js';
import type { HealthReporter, HealthSubject } from '../interfaces/health.js';
import type { HookDeclaration, HookKind } from '../interfaces/hook-declaration.js';
import type { JsonSchema } from '../interfaces/json-schema.js';
import type { ClientSession, McpServerLike, McpTransport, SessionRequest } from '../interfaces/mcp.js';
import type { ServerBuildContext, ServerBuildRequest, ServerLifecycleEvent } from '../interfaces/server.js';
import type { TransportContext, TransportRequest } from '../interfaces/transport.js';

/**
 * A table entry: the declaration (data the kernel acts on) plus, as a
 * phantom type, the hook's argument tuple and result.
 */
export type TableEntry<K extends HookKind, Keyed extends boolean, Args extends unknown[], Result> = HookDeclaration & {
  readonly kind: K;
  readonly keyed: Keyed;
  readonly '~types'?: { args: Args; result: Result };
};

/** Declare a hook with its typed arguments: `hook<[Args…], Result>()({ kind, args, … })`. */
function hook<Args extends unknown[], Result = void>() {
  return <const K extends HookKind, const Keyed extends boolean = false>(declaration: HookDeclaration & { kind: K; keyed?: Keyed }): TableEntry<K, Keyed, Args, Result> =>
    Object.freeze({ ...declaration, keyed: (declaration.keyed ?? false) as Keyed });
}

const SECOND = 1000;

/**
 * Every hook point of the kernel, declared once. The frozen hooks object
 * (create-hooks.ts), the interceptor's policies (hook-policies.ts), the
 * manifest's `provides.taps` names (schemas/plugin-manifest.schema.json, kept
 * equal by a test), the `KernelHooks` type and the hook reference in
 * docs/writing-plugins.md (scripts/hook-reference.mjs) all come from here.
 */
export const HOOK_TABLE = Object.freeze({
  config: Object.freeze({
    schema: hook<[JsonSchema], JsonSchema>()({
      kind: 'SyncWaterfallHook',
      args: ['schema'],
      timeoutMs: 2 * SECOND,
      eager: 'config.schema',
      doc: 'Amend the composed config schema that `mcpctl config schema` prints for editors; return the schema (waterfall). Validation does not use it: it checks each part against the plugins\' schema fragments.',
    }),
    transform: hook<[McpctlConfig, ConfigTransformContext], McpctlConfig>()({
      kind: 'AsyncSeriesWaterfallHook',
      args: ['config', 'context'],
      timeoutMs: 10 * SECOND,
      eager: 'config.transform',
      doc: 'Transform the loaded config after interpolation and before validation (secret references, defaults); return the config. A plugin that taps it is set up with its `pluginConfig` section as written; that section is validated afterwards with the rest.',
    }),
  }),
  serverType: hook<[ServerBuildRequest, ServerBuildContext], McpServerLike | undefined>()({
    kind: 'AsyncSeriesBailHook',
    keyed: true,
    args: ['request', 'context'],
    timeoutMs: 30 * SECOND,
    doc: 'Build an MCP server for an entry whose `type` is the key; the first tap to return one wins. Loaded through `provides.serverTypes`.',
  }),
  transport: hook<[TransportRequest, TransportContext], McpTransport | undefined>()({
    kind: 'AsyncSeriesBailHook',
    keyed: true,
    args: ['request', 'context'],
    timeoutMs: 30 * SECOND,
    doc: 'Build a client transport to a server; keyed by transport name. Loaded through `provides.transports`.',
  }),
  auth: Object.freeze({
    client: hook<[AuthRequest, AuthContext], ClientAuth | undefined>()({
      kind: 'AsyncSeriesBailHook',
      keyed: true,
      args: ['request', 'context'],
      timeoutMs: 60 * SECOND,
      doc: 'Credentials a client transport sends to a remote server; keyed by method. Loaded through `provides.clientAuth`.',
    }),
    verifier: hook<[VerifierRequest, AuthContext], AuthVerifier | undefined>()({
      kind: 'AsyncSeriesBailHook',
      keyed: true,
      args: ['request', 'context'],
      timeoutMs: 30 * SECOND,
      doc: 'A verifier for requests reaching an endpoint mcpctl exposes (`serve --transport http`, the gateway); keyed by method. Loaded through `provides.verifiers`.',
    }),
  }),
  health: hook<[HealthSubject, HealthReporter]>()({
    kind: 'AsyncParallelHook',
    args: ['subject', 'report'],
    timeoutMs: 10 * SECOND,
    eager: 'health',
    reportErrors: true,
    doc: 'Contribute health checks; taps call `report(result)`. A throw or timeout becomes a failed check, never an exception.',
  }),
  session: hook<[SessionRequest], ClientSession | undefined>()({
    kind: 'AsyncSeriesBailHook',
    args: ['request'],
    timeoutMs: 5 * SECOND,
    eager: 'session',
    doc: 'Offer a ready client session to a configured server (the daemon\'s warm sessions); when no tap returns one the caller connects itself.',
  }),
  commands: hook<[CommandRegistry]>()({
    kind: 'SyncHook',
    args: ['registry'],
    timeoutMs: 5 * SECOND,
    doc: 'Register CLI commands whose paths the plugin\'s manifest declares. Loaded through `provides.commands`.',
  }),
  lifecycle: Object.freeze({
    serverStarting: hook<[ServerLifecycleEvent]>()({
      kind: 'AsyncSeriesHook',
      args: ['event'],
      timeoutMs: 10 * SECOND,
      eager: 'lifecycle',
      doc: 'A server mcpctl runs or supervises is about to start.',
    }),
    serverReady: hook<[ServerLifecycleEvent]>()({
      kind: 'AsyncSeriesHook',
      args: ['event'],
      timeoutMs: 10 * SECOND,
      eager: 'lifecycle',
      doc: 'The server is ready for clients.',
    }),
    serverExited: hook<[ServerLifecycleEvent]>()({
      kind: 'AsyncSeriesHook',
      args: ['event'],
      timeoutMs: 10 * SECOND,
      eager: 'lifecycle',
      doc: 'The server exited (`exitCode`, `signal`, `reason`). Observers\' failures are logged, never thrown.',
    }),
    shutdown: hook<[]>()({
      kind: 'AsyncParallelHook',
      args: [],
      timeoutMs: 10 * SECOND,
      eager: 'lifecycle',
      doc: 'The process is shutting down; release resources.',
    }),
  }),
});

export type HookTable = typeof HOOK_TABLE;

/** One table entry with its dotted path ("auth.client"), in table order. */
export interface HookRow {
  path: string;
  declaration: HookDeclaration;
}

/** The table flattened to rows, for the policies, the manifest check and the docs. */
export function hookRows(node: object = HOOK_TABLE, prefix = ''): HookRow[] {
  const rows: HookRow[] = [];
  for (const [key, value] of Object.entries(node)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (isDeclaration(value)) rows.push({ path, declaration: value });
    else rows.push(...hookRows(value as object, path));
  }
  return rows;
}

/** The names a manifest's `provides.taps` may give for kernel hooks (load me before you call these). */
export function eagerTapNames(): string[] {
  return [...new Set(hookRows().flatMap((row) => (row.declaration.eager ? [row.declaration.eager] : [])))];
}

export function isDeclaration(value: unknown): value is HookDeclaration {
  return typeof value === 'object' && value !== null && typeof (value as { kind?: unknown }).kind === 'string' && Array.isArray((value as { args?: unknown }).args);
}
