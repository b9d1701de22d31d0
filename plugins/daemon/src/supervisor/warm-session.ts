import { errors, ExitCode, McpctlError, type JsonRpcMessage, type McpTransport } from '@mcpctl/kernel';

export interface SessionInfo {
  serverInfo: { name: string; version: string; title?: string };
  protocolVersion: string;
  capabilities: Record<string, unknown>;
  instructions?: string;
}

export interface WarmRequestOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
  onProgress?: (progress: { progress: number; total?: number; message?: string }) => void;
}

/** The MCP protocol version the daemon asks for, and every version it accepts from a server. */
export const CLIENT_PROTOCOL_VERSION = '2025-11-25';
export const ACCEPTED_PROTOCOL_VERSIONS: readonly string[] = ['2025-11-25', '2025-06-18', '2025-03-26', '2024-11-05', '2024-10-07'];

/** Default per-request timeout when the caller gives none. */
const DEFAULT_REQUEST_TIMEOUT_MS = 60_000;

/**
 * List requests whose results a session keeps, by the server capability whose
 * `listChanged: true` promises a notification when the list changes, and that
 * notification.
 */
const KEPT_LISTS: Readonly<Record<string, { capability: string; changed: string }>> = {
  'tools/list': { capability: 'tools', changed: 'notifications/tools/list_changed' },
  'prompts/list': { capability: 'prompts', changed: 'notifications/prompts/list_changed' },
  'resources/list': { capability: 'resources', changed: 'notifications/resources/list_changed' },
  'resources/templates/list': { capability: 'resources', changed: 'notifications/resources/list_changed' },
};
/** Pages kept per session at most (a paginated list is one entry per cursor). */
const KEPT_LIST_LIMIT = 64;

interface Pending {
  method: string;
  resolve(result: unknown): void;
  reject(error: unknown): void;
  onProgress?: WarmRequestOptions['onProgress'];
  /** Restart the timeout (progress keeps a long request alive). */
  touch(): void;
}

/**
 * An initialized MCP client session the daemon keeps open to one server.
 *
 * A deliberately small client: the daemon only forwards requests, so it needs
 * the initialize handshake, id correlation, timeouts, cancellation, progress
 * and answers to the server's own `ping`. A list (`tools/list` and the like)
 * is answered from the last result while the server has promised to announce
 * changes (`listChanged: true`) and has not: every warm `mcpctl call` lists
 * the tools to check its arguments, so this saves one round trip per call.
 * It does not use the MCP SDK's
 * client: the SDK's schemas (zod) cost the daemon ~30 MB of RSS, a third of
 * its budget when it supervises 50 servers. Results are passed through as the
 * server sent them; the CLI validates what it prints.
 */
export class WarmSession {
  /** Resolves when the connection closes (server exited, transport closed, or `close()`). */
  readonly closed: Promise<void>;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private isClosed = false;
  private markClosed!: () => void;
  private sessionInfo: SessionInfo | undefined;
  /** Kept list results by method and params, and a counter per capability that each change notification bumps. */
  private readonly keptLists = new Map<string, unknown>();
  private readonly listGenerations = new Map<string, number>();

  private constructor(
    private readonly server: string,
    private readonly transport: McpTransport,
  ) {
    this.closed = new Promise((resolve) => (this.markClosed = resolve));
    transport.onmessage = (message) => this.receive(message);
    transport.onclose = () => this.closedByTransport();
    // Stray output (a line that is not JSON-RPC) is not fatal: the session carries on.
    transport.onerror = () => undefined;
  }

  get info(): SessionInfo {
    if (!this.sessionInfo) throw new Error('session not initialized');
    return this.sessionInfo;
  }

  /** Start `transport` and run the MCP initialize handshake within `timeoutMs`. */
  static async connect(server: string, transport: McpTransport, options: { timeoutMs: number; clientVersion: string }): Promise<WarmSession> {
    const session = new WarmSession(server, transport);
    try {
      await transport.start();
      const result = await session.send(
        'initialize',
        { protocolVersion: CLIENT_PROTOCOL_VERSION, capabilities: {}, clientInfo: { name: 'mcpctl-daemon', version: options.clientVersion } },
        { timeoutMs: options.timeoutMs },
        false,
      );
      session.sessionInfo = parseInitializeResult(server, result);
      transport.setProtocolVersion?.(session.sessionInfo.protocolVersion);
      await transport.send({ jsonrpc: '2.0', method: 'notifications/initialized' });
      return session;
    } catch (error) {
      await session.close();
      throw error;
    }
  }

  /** Forward one request; MCP errors become coded errors that say which server answered. */
  request(method: string, params: Record<string, unknown> | undefined, options: WarmRequestOptions = {}): Promise<unknown> {
    const kept = this.keepableList(method, options);
    if (!kept) return this.send(method, params, options, true);
    const key = `${method}\0${JSON.stringify(params ?? {})}`;
    if (this.keptLists.has(key)) return Promise.resolve(structuredClone(this.keptLists.get(key)));
    const generation = this.listGenerations.get(kept.capability) ?? 0;
    return this.send(method, params, options, true).then((result) => {
      // A change announced while the request was out makes its answer suspect: not kept.
      if ((this.listGenerations.get(kept.capability) ?? 0) === generation && this.keptLists.size < KEPT_LIST_LIMIT) this.keptLists.set(key, structuredClone(result));
      return result;
    });
  }

  /** The list kinds this session may answer from memory: the server promised list_changed for them. */
  private keepableList(method: string, options: WarmRequestOptions): (typeof KEPT_LISTS)[string] | undefined {
    const kept = KEPT_LISTS[method];
    if (!kept || options.onProgress) return undefined;
    const capability = this.sessionInfo?.capabilities[kept.capability] as { listChanged?: unknown } | undefined;
    return capability?.listChanged === true ? kept : undefined;
  }

  /** A list_changed notification: forget what was kept of that list. */
  private listChanged(method: string): void {
    for (const [listMethod, kept] of Object.entries(KEPT_LISTS)) {
      if (kept.changed !== method) continue;
      this.listGenerations.set(kept.capability, (this.listGenerations.get(kept.capability) ?? 0) + 1);
      for (const key of [...this.keptLists.keys()]) if (key.startsWith(`${listMethod}\0`)) this.keptLists.delete(key);
    }
  }

  async ping(timeoutMs: number): Promise<void> {
    await this.send('ping', undefined, { timeoutMs }, true);
  }

  async close(): Promise<void> {
    if (this.isClosed) return;
    await this.transport.close().catch(() => undefined);
    // A transport that does not call onclose on close() still ends the session.
    this.closedByTransport();
  }

  private send(method: string, params: Record<string, unknown> | undefined, options: WarmRequestOptions, cancellable: boolean): Promise<unknown> {
    if (this.isClosed) return Promise.reject(this.connectionClosed(method));
    if (options.signal?.aborted) return Promise.reject(options.signal.reason);
    const id = ++this.nextId;
    const timeoutMs = options.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    const withToken = options.onProgress ? { ...params, _meta: { ...(params?._meta as Record<string, unknown> | undefined), progressToken: id } } : params;
    return new Promise<unknown>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const finish = (): void => {
        if (timer) clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
        this.pending.delete(id);
      };
      const cancel = (reason: string, error: unknown): void => {
        if (!this.pending.has(id)) return;
        finish();
        // The server may stop working on it; initialize is never cancelled (the spec forbids it).
        if (cancellable && !this.isClosed) {
          this.transport.send({ jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: id, reason } }).catch(() => undefined);
        }
        reject(error);
      };
      const arm = (): void => {
        if (timer) clearTimeout(timer);
        timer = setTimeout(() => cancel(`timed out after ${timeoutMs}ms`, errors.TIMEOUT(`${method} on "${this.server}"`, timeoutMs)), timeoutMs);
      };
      const onAbort = (): void => cancel('cancelled by the client', options.signal!.reason);
      this.pending.set(id, {
        method,
        resolve: (result) => {
          finish();
          resolve(result);
        },
        reject: (error) => {
          finish();
          reject(error);
        },
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
        touch: arm,
      });
      options.signal?.addEventListener('abort', onAbort, { once: true });
      arm();
      const message: JsonRpcMessage = { jsonrpc: '2.0', id, method, ...(withToken ? { params: withToken } : {}) };
      this.transport.send(message).catch((error: unknown) => this.pending.get(id)?.reject(this.connectionClosed(method, error)));
    });
  }

  private receive(message: JsonRpcMessage): void {
    const { id, method } = message;
    if (typeof method === 'string') {
      if (id !== undefined && id !== null) this.answerServerRequest(id as number | string, method);
      else if (method === 'notifications/progress') this.progress(message.params);
      else if (method.endsWith('/list_changed')) this.listChanged(method);
      return;
    }
    if (typeof id !== 'number') return;
    const pending = this.pending.get(id);
    if (!pending) return;
    if ('error' in message) pending.reject(this.remoteError(pending.method, message.error));
    else pending.resolve(message.result ?? {});
  }

  /** The server asked us something: answer ping; the daemon declares no client capabilities, so nothing else. */
  private answerServerRequest(id: number | string, method: string): void {
    const reply: JsonRpcMessage =
      method === 'ping'
        ? { jsonrpc: '2.0', id, result: {} }
        : { jsonrpc: '2.0', id, error: { code: -32601, message: `The mcpctl daemon does not handle ${method}` } };
    this.transport.send(reply).catch(() => undefined);
  }

  private progress(params: unknown): void {
    if (typeof params !== 'object' || params === null) return;
    const { progressToken, progress, total, message } = params as Record<string, unknown>;
    if (typeof progressToken !== 'number' || typeof progress !== 'number') return;
    const pending = this.pending.get(progressToken);
    if (!pending?.onProgress) return;
    pending.touch();
    pending.onProgress({ progress, ...(typeof total === 'number' ? { total } : {}), ...(typeof message === 'string' ? { message } : {}) });
  }

  private closedByTransport(): void {
    if (this.isClosed) return;
    this.isClosed = true;
    for (const pending of [...this.pending.values()]) pending.reject(this.connectionClosed(pending.method));
    this.pending.clear();
    this.markClosed();
  }

  private remoteError(method: string, error: unknown): McpctlError {
    const { code, message, data } = (typeof error === 'object' && error !== null ? error : {}) as { code?: unknown; message?: unknown; data?: unknown };
    const mcpCode = typeof code === 'number' ? code : 0;
    return new McpctlError('MCPCTL_MCP_ERROR', `Server "${this.server}" answered ${method} with error ${mcpCode}: ${typeof message === 'string' ? message : 'unknown error'}`, {
      exitCode: ExitCode.FAILURE,
      details: { mcpCode, ...(data !== undefined ? { data } : {}) },
    });
  }

  private connectionClosed(method: string, cause?: unknown): McpctlError {
    return new McpctlError('MCPCTL_SERVER_CONNECTION_CLOSED', `Server "${this.server}" closed the connection during ${method}`, {
      exitCode: ExitCode.PROTOCOL,
      hint: '`mcpctl servers logs <name>` shows what it printed before it stopped.',
      ...(cause !== undefined ? { cause } : {}),
    });
  }
}

function parseInitializeResult(server: string, result: unknown): SessionInfo {
  const fail = (why: string): never => {
    throw new McpctlError('MCPCTL_MCP_ERROR', `Server "${server}" sent an invalid initialize result: ${why}`, { exitCode: ExitCode.PROTOCOL });
  };
  if (typeof result !== 'object' || result === null) return fail('not an object');
  const { protocolVersion, serverInfo, capabilities, instructions } = result as Record<string, unknown>;
  if (typeof protocolVersion !== 'string') return fail('no protocolVersion');
  if (!ACCEPTED_PROTOCOL_VERSIONS.includes(protocolVersion)) {
    throw new McpctlError('MCPCTL_MCP_ERROR', `Server "${server}" speaks MCP ${protocolVersion}, which this mcpctl does not support (${ACCEPTED_PROTOCOL_VERSIONS.join(', ')})`, {
      exitCode: ExitCode.PROTOCOL,
    });
  }
  const info = (typeof serverInfo === 'object' && serverInfo !== null ? serverInfo : {}) as Record<string, unknown>;
  return {
    serverInfo: {
      name: typeof info.name === 'string' ? info.name : server,
      version: typeof info.version === 'string' ? info.version : '',
      ...(typeof info.title === 'string' ? { title: info.title } : {}),
    },
    protocolVersion,
    capabilities: typeof capabilities === 'object' && capabilities !== null ? (capabilities as Record<string, unknown>) : {},
    ...(typeof instructions === 'string' ? { instructions } : {}),
  };
}
