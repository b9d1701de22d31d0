import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import {
  CallToolRequestSchema,
  ErrorCode,
  ListResourcesRequestSchema,
  ListResourceTemplatesRequestSchema,
  ListRootsResultSchema,
  ListToolsRequestSchema,
  McpError,
  ReadResourceRequestSchema,
  RootsListChangedNotificationSchema,
  type CallToolResult,
  type ServerCapabilities,
} from '@modelcontextprotocol/sdk/types.js';
import type { JsonValue, Logger, McpServerLike, McpTransport } from '@mcpctl/kernel';
import { DEFAULT_ACCESS, parseAccess, tierAllows, type AccessTier } from './access.js';
import { ByteBudget, DEFAULT_MAX_RESULT_BYTES } from './budget.js';
import { runWithDeadline } from './deadline.js';
import { accessDenied, toToolError, ToolError, ToolErrorCode } from './errors.js';
import { silentLogger } from './logger.js';
import { decodeCursor, encodeCursor } from './pagination.js';
import { createProgressReporter } from './progress.js';
import { RESOURCE_NOT_FOUND, type Resource, type ResourceContext, type ResourceInfo, type ResourceTemplate } from './resources.js';
import { errorResult, successResult } from './result.js';
import { compileSchema } from './schema.js';
import type { ClientRoot, Tool, ToolContext } from './tool.js';

export const DEFAULT_TOOL_TIMEOUT_MS = 60_000;
/** Room for a result's envelope (names, sizes, hashes) beyond its payload budget. */
const ENVELOPE_ALLOWANCE = 64 * 1024;
const ROOTS_TIMEOUT_MS = 10_000;

export interface ToolServerOptions {
  /** serverInfo.name, e.g. "mcpctl-fs". */
  name: string;
  version: string;
  title?: string;
  /** Told to the client at initialize: how to use this server well. */
  instructions?: string;
  /** The configured server name (`servers.<entryName>`), used in messages; defaults to `name`. */
  entryName?: string;
  /** The tier the entry grants (default read). */
  access?: AccessTier;
  tools: readonly Tool[];
  resources?: readonly Resource[];
  resourceTemplates?: readonly ResourceTemplate[];
  logger?: Logger;
  /** Default per-call timeout (ms); a tool may set its own. */
  timeoutMs?: number;
  /** Default byte budget per result; a tool may set its own. */
  maxResultBytes?: number;
}

/** An MCP server built by the toolkit; connect it to one transport (one session). */
export interface ToolServer extends McpServerLike {
  /** The SDK's low-level server, for anything the toolkit does not cover. */
  readonly sdkServer: Server;
  readonly access: AccessTier;
  connect(transport: McpTransport | Transport): Promise<void>;
  close(): Promise<void>;
  /** The client's roots (undefined when the client offers none). */
  clientRoots(): Promise<ClientRoot[] | undefined>;
  /** Called after the client says its roots changed; returns an unsubscribe function. */
  onRootsChanged(listener: () => void): () => void;
}

type RootsRequester = () => Promise<{ roots: ClientRoot[] }>;

/** What the toolkit uses of a request handler's `extra`: sending a request related to the one being handled. */
interface RelatedRequests {
  sendRequest(request: { method: 'roots/list' }, schema: typeof ListRootsResultSchema, options: { timeout: number }): Promise<{ roots: ClientRoot[] }>;
}

/**
 * Build an MCP server from tool, resource and template definitions. Build one
 * per session: it holds per-client state (the client's roots).
 */
export function createToolServer(options: ToolServerOptions): ToolServer {
  const access = parseAccess(options.access, DEFAULT_ACCESS);
  const entryName = options.entryName ?? options.name;
  const logger = options.logger ?? silentLogger;
  const defaultTimeout = options.timeoutMs ?? DEFAULT_TOOL_TIMEOUT_MS;
  const defaultBudget = options.maxResultBytes ?? DEFAULT_MAX_RESULT_BYTES;
  const resources = options.resources ?? [];
  const templates = options.resourceTemplates ?? [];

  const tools = new Map<string, Tool>();
  for (const tool of options.tools) {
    if (tools.has(tool.name)) throw new TypeError(`Tool ${tool.name} is defined twice`);
    tools.set(tool.name, tool);
  }

  const capabilities: ServerCapabilities = { tools: {} };
  if (resources.length > 0 || templates.length > 0) capabilities.resources = {};
  const server = new Server(
    { name: options.name, version: options.version, ...(options.title ? { title: options.title } : {}) },
    { capabilities, ...(options.instructions ? { instructions: options.instructions } : {}) },
  );

  // ---------------------------------------------------------------- roots
  let rootsCache: Promise<ClientRoot[] | undefined> | undefined;
  const rootsListeners = new Set<() => void>();
  const clientRoots = (request: RootsRequester): Promise<ClientRoot[] | undefined> => {
    if (!server.getClientCapabilities()?.roots) return Promise.resolve(undefined);
    rootsCache ??= request().then(
      (result) => result.roots.map((root) => ({ uri: root.uri, ...(root.name ? { name: root.name } : {}) })),
      (error: unknown) => {
        rootsCache = undefined;
        // Fail closed: without the client's roots we cannot know how far it narrowed access.
        throw new ToolError(ToolErrorCode.ROOTS_UNAVAILABLE, `Could not list the client's roots: ${error instanceof Error ? error.message : String(error)}`, {
          hint: 'The client declared roots support but did not answer roots/list; retry, or connect without roots.',
        });
      },
    );
    return rootsCache;
  };
  server.setNotificationHandler(RootsListChangedNotificationSchema, () => {
    rootsCache = undefined;
    for (const listener of rootsListeners) listener();
  });
  const listRootsDirect: RootsRequester = () => server.listRoots(undefined, { timeout: ROOTS_TIMEOUT_MS });
  // Asked while handling a request, roots/list travels with that request (over HTTP: on its
  // response stream), so it works without the client opening a standalone stream.
  const relatedRoots =
    (extra: RelatedRequests): RootsRequester =>
    () =>
      extra.sendRequest({ method: 'roots/list' }, ListRootsResultSchema, { timeout: ROOTS_TIMEOUT_MS });

  // ---------------------------------------------------------------- tools
  server.setRequestHandler(ListToolsRequestSchema, () => ({
    tools: [...tools.values()].map((tool) => ({
      name: tool.name,
      ...(tool.title ? { title: tool.title } : {}),
      description: tool.tier === 'read' ? tool.description : `${tool.description} (needs access: ${tool.tier})`,
      inputSchema: tool.inputSchema,
      outputSchema: tool.outputSchema,
      annotations: tool.annotations,
    })),
  }));

  server.setRequestHandler(CallToolRequestSchema, async (request, extra): Promise<CallToolResult> => {
    const tool = tools.get(request.params.name);
    if (!tool) throw new McpError(ErrorCode.InvalidParams, `Unknown tool: ${request.params.name}; this server has ${[...tools.keys()].join(', ')}`);
    const started = performance.now();
    const log = logger.child({ tool: tool.name });
    try {
      if (!tierAllows(access, tool.tier)) throw accessDenied(tool.tier, access, entryName, tool.name);

      // Validation fills in defaults, so validate a copy rather than the request.
      const input = structuredClone(request.params.arguments ?? {});
      const inputCheck = compileSchema(tool.inputSchema)(input);
      if (!inputCheck.valid) {
        throw new ToolError(ToolErrorCode.INVALID_ARGUMENTS, `Invalid arguments for ${tool.name}: ${inputCheck.errors.join('; ')}`, {
          hint: 'List the tools (tools/list) to see the input schema.',
        });
      }

      const budget = new ByteBudget(tool.maxResultBytes ?? defaultBudget);
      const output = await runWithDeadline(
        (signal) => {
          const ctx: ToolContext = {
            signal,
            access,
            tier: tool.tier,
            serverName: entryName,
            budget,
            progress: createProgressReporter(extra._meta?.progressToken, (notification) => extra.sendNotification(notification)),
            logger: log,
            sessionId: extra.sessionId,
            requireAccess(needs, what) {
              if (!tierAllows(access, needs)) throw accessDenied(needs, access, entryName, what);
            },
            clientRoots: () => clientRoots(relatedRoots(extra)),
          };
          return tool.execute(input, ctx);
        },
        { signal: extra.signal, timeoutMs: tool.timeoutMs ?? defaultTimeout, what: tool.name },
      );

      const outputCheck = compileSchema(tool.outputSchema)(output.structured);
      if (!outputCheck.valid) {
        log.error({ errors: outputCheck.errors }, 'tool output does not match its output schema');
        throw new ToolError(ToolErrorCode.INVALID_OUTPUT, `${tool.name} produced output that does not match its schema: ${outputCheck.errors.join('; ')}`, {
          hint: 'This is a bug in the server plugin; please report it.',
        });
      }
      // A handler that spent its budget accounted for what it returned; measure the others.
      const size = budget.used > 0 ? budget.used : Buffer.byteLength(JSON.stringify(output.structured), 'utf8');
      if (size > budget.limit + ENVELOPE_ALLOWANCE) {
        throw new ToolError(ToolErrorCode.RESULT_TOO_LARGE, `${tool.name} result is ${size} bytes, over the ${budget.limit}-byte budget`, {
          hint: 'Narrow the request: a smaller limit, range or path.',
        });
      }
      log.debug({ ms: Math.round(performance.now() - started), bytes: size }, 'tool call');
      return successResult(output);
    } catch (thrown) {
      const error = toToolError(thrown);
      if (error.code === ToolErrorCode.INTERNAL) log.error({ err: thrown }, 'tool failed');
      else log.debug({ ms: Math.round(performance.now() - started), code: error.code }, 'tool call failed');
      return errorResult(error);
    }
  });

  // ---------------------------------------------------------------- resources
  if (capabilities.resources) {
    const resourceContext = (signal: AbortSignal, extra: RelatedRequests): ResourceContext => ({
      signal,
      access,
      serverName: entryName,
      logger,
      clientRoots: () => clientRoots(relatedRoots(extra)),
    });
    // Pages walk the sources in order: the fixed resources, then each listable template.
    const sources: Array<(cursor: string | undefined, ctx: ResourceContext) => Promise<{ resources: ResourceInfo[]; nextCursor?: string }>> = [];
    if (resources.length > 0) sources.push(async () => ({ resources: resources.map((resource) => resource.info) }));
    for (const template of templates) {
      const list = template.spec.list;
      if (list) sources.push((cursor, ctx) => list.call(template.spec, cursor, ctx));
    }

    server.setRequestHandler(ListResourcesRequestSchema, async (request, extra) => {
      let index = 0;
      let inner: string | undefined;
      if (request.params?.cursor !== undefined) {
        const state = protocolCall(() => decodeCursor(request.params?.cursor ?? '', 'resources/list'));
        if (typeof state !== 'object' || state === null || Array.isArray(state) || typeof state.i !== 'number' || !(typeof state.c === 'string' || state.c === undefined)) {
          throw new McpError(ErrorCode.InvalidParams, 'Invalid cursor');
        }
        index = state.i;
        inner = state.c;
      }
      const source = sources[index];
      if (!source) return { resources: [] };
      const page = await runWithDeadline((signal) => source(inner, resourceContext(signal, extra)), { signal: extra.signal, timeoutMs: defaultTimeout, what: 'resources/list' }).catch(rethrowAsMcp);
      const next: JsonValue | undefined = page.nextCursor !== undefined ? { i: index, c: page.nextCursor } : index + 1 < sources.length ? { i: index + 1 } : undefined;
      return { resources: page.resources, ...(next ? { nextCursor: encodeCursor(next, 'resources/list') } : {}) };
    });

    server.setRequestHandler(ListResourceTemplatesRequestSchema, () => ({
      resourceTemplates: templates.map(({ spec }) => ({
        uriTemplate: spec.uriTemplate,
        name: spec.name,
        ...(spec.title ? { title: spec.title } : {}),
        ...(spec.description ? { description: spec.description } : {}),
        ...(spec.mimeType ? { mimeType: spec.mimeType } : {}),
      })),
    }));

    server.setRequestHandler(ReadResourceRequestSchema, async (request, extra) => {
      const uri = request.params.uri;
      const read = (signal: AbortSignal) => {
        const ctx = resourceContext(signal, extra);
        const fixed = resources.find((resource) => resource.info.uri === uri);
        if (fixed) return fixed.read(ctx);
        for (const template of templates) {
          const variables = template.match(uri);
          if (variables) return template.spec.read(uri, variables, ctx);
        }
        throw new McpError(RESOURCE_NOT_FOUND, `Resource not found: ${uri}`, { uri });
      };
      const contents = await runWithDeadline(read, { signal: extra.signal, timeoutMs: defaultTimeout, what: `resources/read ${uri}` }).catch(rethrowAsMcp);
      return { contents };
    });
  }

  return {
    sdkServer: server,
    access,
    // The kernel's McpTransport is the structural shape of the SDK's Transport.
    connect: (transport) => server.connect(transport as Transport),
    close: () => server.close(),
    clientRoots: () => clientRoots(listRootsDirect),
    onRootsChanged(listener) {
      rootsListeners.add(listener);
      return () => rootsListeners.delete(listener);
    },
  };
}

/**
 * The server, closing with `cleanup` after it (once, even if close is called
 * again or fails): for what a server holds besides its session, such as a
 * connection pool or the memory policy.
 */
export function withCleanup(server: ToolServer, cleanup: () => unknown): ToolServer {
  let cleaned = false;
  return {
    ...server,
    async close() {
      try {
        await server.close();
      } finally {
        if (!cleaned) {
          cleaned = true;
          await cleanup();
        }
      }
    },
  };
}

function protocolCall<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    return rethrowAsMcp(error);
  }
}

/** Resource handlers fail as JSON-RPC errors (resources have no isError); ToolErrors keep code and hint in `data`. */
function rethrowAsMcp(error: unknown): never {
  if (error instanceof McpError) throw error;
  const toolError = toToolError(error);
  const code = toolError.code === ToolErrorCode.NOT_FOUND ? RESOURCE_NOT_FOUND : toolError.code === ToolErrorCode.INTERNAL ? ErrorCode.InternalError : ErrorCode.InvalidParams;
  throw new McpError(code, toolError.message, { code: toolError.code, ...(toolError.hint ? { hint: toolError.hint } : {}) });
}
