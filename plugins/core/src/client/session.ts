import type { ClientSession, Logger, McpTransport, SessionRequestOptions } from '@mcpctl/kernel';
import { KERNEL_VERSION, errors, isMcpctlError } from '@mcpctl/kernel';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InvalidJsonRpcLine } from '@mcpctl/toolkit/json-lines';
import {
  type ClientRequest, CallToolResultSchema, CompleteResultSchema, CreateMessageRequestSchema, ElicitRequestSchema, EmptyResultSchema,
  GetPromptResultSchema, ListPromptsResultSchema, ListResourceTemplatesResultSchema, ListResourcesResultSchema,
  ListRootsRequestSchema, ListToolsResultSchema, LoggingMessageNotificationSchema, McpError, ErrorCode, ReadResourceResultSchema, ResultSchema,
} from '@modelcontextprotocol/sdk/types.js';
import { PROTOCOL_ERROR } from './errors.js';
import { mapClientError } from './error-map.js';
import { ObservedTransport } from './observed-transport.js';
import type { ElicitationRequest, ServerRequestHandlers } from './server-requests.js';
import { firstLine } from './text.js';

export interface DirectSessionOptions {
  /** The target as the user named it, for messages. */
  label: string;
  transport: McpTransport;
  /** Default timeout of connect and of each request, in ms. */
  timeoutMs: number;
  /** Ctrl-C: cancels the request in flight (the server is told) and ends with exit 130. */
  signal?: AbortSignal;
  /** The configured auth method, named in 401 messages. */
  authMethod?: string;
  handlers?: ServerRequestHandlers;
  logger?: Logger;
  /** Run after the session closed (e.g. close an in-process server). */
  cleanup?: () => Promise<void>;
}

const RESULT_SCHEMAS: Record<string, typeof ResultSchema> = {
  'ping': EmptyResultSchema,
  'tools/list': ListToolsResultSchema,
  'tools/call': CallToolResultSchema,
  'resources/list': ListResourcesResultSchema,
  'resources/templates/list': ListResourceTemplatesResultSchema,
  'resources/read': ReadResourceResultSchema,
  'prompts/list': ListPromptsResultSchema,
  'prompts/get': GetPromptResultSchema,
  'completion/complete': CompleteResultSchema,
} as unknown as Record<string, typeof ResultSchema>;

/**
 * A {@link ClientSession} over the MCP SDK client, connected directly to a
 * server through a transport. Every failure becomes a coded McpctlError:
 * 3 cannot connect, 4 protocol (the server died: with its last stderr), 124
 * timeout, 130 Ctrl-C (after the server was sent a cancellation).
 */
export class DirectSession implements ClientSession {
  private readonly client: Client;
  private readonly observed: ObservedTransport;
  /** Rejects when the transport reports a fatal protocol problem, failing whatever is in flight. */
  private fatal: Promise<never>;
  private rejectFatal!: (error: Error) => void;
  private closed = false;

  private constructor(private readonly options: DirectSessionOptions) {
    this.observed = new ObservedTransport(options.transport);
    this.fatal = new Promise<never>((_, reject) => { this.rejectFatal = reject; });
    this.fatal.catch(() => undefined);
    this.observed.onTransportError = (error) => {
      options.logger?.debug({ server: options.label, err: error.message }, 'transport error');
      if (isBadMessage(error)) this.rejectFatal(PROTOCOL_ERROR(options.label, `the server sent an invalid JSON-RPC message (${firstLine(error.message).slice(0, 200)})`, { cause: error }));
    };
    const handlers = options.handlers ?? {};
    this.client = new Client(
      { name: 'mcpctl', version: KERNEL_VERSION },
      {
        capabilities: {
          ...(handlers.elicit ? { elicitation: { form: {} } } : {}),
          ...(handlers.roots ? { roots: { listChanged: false } } : {}),
          sampling: {},
        },
      },
    );
    this.client.onerror = () => undefined;
    this.installHandlers(handlers);
  }

  /** Connect and initialize, bounded by the timeout as a whole (spawn, TLS, initialize). */
  static async connect(options: DirectSessionOptions): Promise<DirectSession> {
    const session = new DirectSession(options);
    const ctx = { label: options.label, phase: 'connect', timeoutMs: options.timeoutMs, transport: options.transport, authMethod: options.authMethod, signal: options.signal };
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(errors.TIMEOUT(`Connecting to ${options.label}`, options.timeoutMs)), options.timeoutMs);
    });
    try {
      await Promise.race([
        session.client.connect(session.observed, { timeout: options.timeoutMs, signal: options.signal }),
        deadline,
        session.fatal,
        abortPromise(options.signal),
      ]);
      return session;
    } catch (error) {
      const mapped = mapClientError(error, ctx);
      await session.close().catch(() => undefined);
      throw mapped;
    } finally {
      clearTimeout(timer);
    }
  }

  get serverInfo(): { name: string; version: string; title?: string } {
    const info = this.client.getServerVersion();
    return { name: info?.name ?? 'unknown', version: info?.version ?? 'unknown', ...(info?.title ? { title: info.title } : {}) };
  }

  get protocolVersion(): string {
    return this.observed.protocolVersion ?? 'unknown';
  }

  get capabilities(): Record<string, unknown> {
    return (this.client.getServerCapabilities() ?? {}) as Record<string, unknown>;
  }

  get instructions(): string | undefined {
    return this.client.getInstructions();
  }

  async request<T = unknown>(method: string, params?: Record<string, unknown>, options: SessionRequestOptions = {}): Promise<T> {
    const timeoutMs = options.timeoutMs ?? this.options.timeoutMs;
    const signal = anySignal(options.signal, this.options.signal);
    const schema = RESULT_SCHEMAS[method] ?? ResultSchema;
    try {
      const result = await Promise.race([
        // Any method goes through (the session is JSON-RPC, not a fixed API); results are checked with the method's schema.
        this.client.request({ method, ...(params ? { params } : {}) } as unknown as ClientRequest, schema, {
          timeout: timeoutMs,
          signal,
          ...(options.onProgress ? { onprogress: options.onProgress } : {}),
        }),
        this.fatal,
      ]);
      return result as T;
    } catch (error) {
      throw mapClientError(error, { label: this.options.label, phase: method, timeoutMs, transport: this.options.transport, authMethod: this.options.authMethod, signal });
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      await this.client.close();
    } catch (error) {
      if (!isMcpctlError(error)) this.options.logger?.debug({ server: this.options.label, err: String(error) }, 'error while closing');
    }
    // The client only closes a transport it connected; make sure ours is closed either way.
    await this.options.transport.close().catch(() => undefined);
    await this.options.cleanup?.().catch(() => undefined);
  }

  private installHandlers(handlers: ServerRequestHandlers): void {
    const { elicit, roots, onDeclined, onLog } = handlers;
    if (elicit) {
      this.client.setRequestHandler(ElicitRequestSchema, async (request, extra) => {
        const params = request.params as { mode?: string; message: string; requestedSchema?: ElicitationRequest['requestedSchema'] };
        if (params.mode === 'url') {
          onDeclined?.('URL elicitation', 'mcpctl only answers form elicitation');
          return { action: 'decline' };
        }
        return elicit({ message: params.message, requestedSchema: params.requestedSchema ?? {} }, extra.signal);
      });
    }
    if (roots) this.client.setRequestHandler(ListRootsRequestSchema, async () => ({ roots }));
    this.client.setRequestHandler(CreateMessageRequestSchema, async () => {
      const reason = 'mcpctl has no language model to sample from (no plugin provides sampling)';
      onDeclined?.('sampling', reason);
      throw new McpError(ErrorCode.InvalidRequest, `Sampling declined: ${reason}`);
    });
    if (onLog) {
      this.client.setNotificationHandler(LoggingMessageNotificationSchema, (notification) => {
        const { level, logger, data } = notification.params;
        onLog({ level, ...(logger ? { logger } : {}), data });
      });
    }
  }
}

/** A message that is not JSON, or not JSON-RPC (the SDK's schema rejected it). */
/** A line that is not JSON-RPC (the stdio framing), or a message the SDK's schemas reject. */
function isBadMessage(error: Error): boolean {
  return error instanceof InvalidJsonRpcLine || error instanceof SyntaxError || error.name === 'ZodError' || error.name === '$ZodError';
}

function abortPromise(signal: AbortSignal | undefined): Promise<never> {
  return new Promise<never>((_, reject) => {
    if (!signal) return;
    if (signal.aborted) reject(errors.INTERRUPTED());
    signal.addEventListener('abort', () => reject(errors.INTERRUPTED()), { once: true });
  });
}

function anySignal(a: AbortSignal | undefined, b: AbortSignal | undefined): AbortSignal | undefined {
  if (a && b) return AbortSignal.any([a, b]);
  return a ?? b;
}
