import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AuthVerifier, Logger, McpServerLike } from '@mcpctl/kernel';
import { isMcpctlError } from '@mcpctl/kernel';
import type { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { BodyError, checkRequest, hostPolicy, listen, readJsonBody, type HostPolicy } from '@mcpctl/toolkit/http';
import { asKernelTransport } from './sdk-transport.js';
import { applyVerifier } from './verify-request.js';

export interface HttpServeOptions {
  host: string;
  port: number;
  path: string;
  /** No sessions: a fresh server and transport for every POST. */
  stateless: boolean;
  allowedHosts: readonly string[];
  allowedOrigins: readonly string[];
  maxBodyBytes: number;
  sessionIdleTimeoutMs: number;
  /** Build a fresh MCP server (one per session, never shared between clients). */
  build(): Promise<McpServerLike>;
  /** Checks credentials when the entry has `serve.auth` (see verify-request.ts). */
  verifier?: AuthVerifier;
  logger: Logger;
}

interface Session {
  transport: StreamableHTTPServerTransport;
  server: McpServerLike;
  lastSeen: number;
}

type TransportClass = typeof StreamableHTTPServerTransport;

/**
 * Streamable HTTP serving on node:http: Host/Origin checks against DNS
 * rebinding, optional credential verification, a body limit, one server per
 * session (or per request when stateless), idle-session reaping, and a
 * graceful shutdown that lets in-flight requests finish.
 */
export class HttpServe {
  readonly #options: HttpServeOptions;
  readonly #sessions = new Map<string, Session>();
  #http: Server | undefined;
  #policy: HostPolicy | undefined;
  #Transport: TransportClass | undefined;
  #isInitialize: ((value: unknown) => boolean) | undefined;
  #inFlight = 0;
  #draining = false;
  #idleTimer: NodeJS.Timeout | undefined;
  #drained: (() => void) | undefined;

  constructor(options: HttpServeOptions) {
    this.#options = options;
  }

  get sessionCount(): number {
    return this.#sessions.size;
  }

  /** Listen; resolves to the endpoint URL. */
  async start(): Promise<string> {
    const [{ StreamableHTTPServerTransport }, { isInitializeRequest }] = await Promise.all([
      import('@modelcontextprotocol/sdk/server/streamableHttp.js'),
      import('@modelcontextprotocol/sdk/types.js'),
    ]);
    this.#Transport = StreamableHTTPServerTransport;
    this.#isInitialize = isInitializeRequest;
    const http = createServer((req, res) => {
      this.#handle(req, res).catch((error: unknown) => {
        this.#options.logger.error({ err: error }, 'HTTP request failed');
        // A coded error (e.g. the server could not be built for this session) says what to fix; others stay opaque.
        if (!res.headersSent) sendError(res, 500, -32603, isMcpctlError(error) ? `${error.code}: ${error.message}` : 'Internal server error');
        else res.end();
      });
    });
    this.#http = http;
    const address = await listen(http, this.#options.port, this.#options.host);
    this.#policy = hostPolicy(this.#options.host, address.port, this.#options.allowedHosts, this.#options.allowedOrigins);
    if (!this.#options.stateless) {
      this.#idleTimer = setInterval(() => void this.#reapIdle(), Math.min(60_000, Math.max(1000, this.#options.sessionIdleTimeoutMs / 2)));
      this.#idleTimer.unref();
    }
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    return `http://${host}:${address.port}${this.#options.path}`;
  }

  get port(): number {
    return (this.#http?.address() as AddressInfo | null)?.port ?? 0;
  }

  /**
   * Stop taking requests (new ones get 503), wait up to `timeoutMs` for those
   * in flight, then close every session and connection.
   */
  async shutdown(timeoutMs: number): Promise<{ drained: boolean }> {
    const http = this.#http;
    if (!http) return { drained: true };
    this.#draining = true;
    clearInterval(this.#idleTimer);
    const closed = new Promise<void>((resolve) => http.close(() => resolve()));
    http.closeIdleConnections();
    let drained = true;
    if (this.#inFlight > 0) {
      drained = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), timeoutMs);
        this.#drained = () => {
          clearTimeout(timer);
          resolve(true);
        };
      });
    }
    await Promise.all([...this.#sessions.values()].map((session) => this.#closeSession(session)));
    this.#sessions.clear();
    http.closeAllConnections();
    await closed;
    return { drained };
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const policy = this.#policy as HostPolicy;
    const refused = checkRequest(policy, { host: req.headers.host, origin: req.headers.origin });
    if (refused) {
      this.#options.logger.warn({ host: req.headers.host, origin: req.headers.origin }, 'refused request (DNS rebinding protection)');
      return sendError(res, 403, -32000, `Forbidden: ${refused}`);
    }
    if (this.#draining) {
      res.setHeader('Connection', 'close');
      return sendError(res, 503, -32000, 'Server is shutting down');
    }
    // The verifier's own routes (metadata documents) first, then credentials for the endpoint.
    if ((await applyVerifier(this.#options.verifier, req, res, this.#options.path, this.#options.logger)).action === 'answered') return;
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== this.#options.path) return sendError(res, 404, -32000, `Not found: the MCP endpoint is ${this.#options.path}`);
    if (req.method === 'POST') return this.#track(res, () => this.#post(req, res));
    if (req.method === 'GET' || req.method === 'DELETE') {
      if (this.#options.stateless) {
        res.setHeader('Allow', 'POST');
        return sendError(res, 405, -32000, 'Method not allowed: this endpoint is stateless (POST only)');
      }
      const session = this.#session(req, res);
      if (!session) return;
      return session.transport.handleRequest(req, res);
    }
    res.setHeader('Allow', this.#options.stateless ? 'POST' : 'GET, POST, DELETE');
    return sendError(res, 405, -32000, 'Method not allowed');
  }

  /** Count a request as in flight until its response is done. */
  async #track(res: ServerResponse, work: () => Promise<void>): Promise<void> {
    this.#inFlight++;
    res.once('close', () => {
      this.#inFlight--;
      if (this.#inFlight === 0) this.#drained?.();
    });
    await work();
  }

  async #post(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let body: unknown;
    try {
      body = await readJsonBody(req, this.#options.maxBodyBytes);
    } catch (error) {
      if (!(error instanceof BodyError)) throw error;
      if (error.status === 413) {
        // The rest of the body is not read: answer, then drop the connection.
        res.setHeader('Connection', 'close');
        res.once('finish', () => req.socket.destroy());
      }
      return sendError(res, error.status, error.status === 400 ? -32700 : -32000, error.message);
    }
    const Transport = this.#Transport as TransportClass;

    if (this.#options.stateless) {
      const server = await this.#options.build();
      const transport = new Transport({ sessionIdGenerator: undefined });
      res.once('close', () => {
        void transport.close();
        void server.close();
      });
      await server.connect(asKernelTransport(transport));
      return transport.handleRequest(req, res, body);
    }

    if (req.headers['mcp-session-id'] !== undefined) {
      const session = this.#session(req, res);
      if (!session) return;
      return session.transport.handleRequest(req, res, body);
    }
    if (!this.#isInitialize?.(body)) return sendError(res, 400, -32000, 'Bad request: no Mcp-Session-Id header, and the request is not initialize');

    // A new session gets its own server: nothing is shared between clients.
    const server = await this.#options.build();
    const transport: StreamableHTTPServerTransport = new Transport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => {
        this.#sessions.set(id, { transport, server, lastSeen: Date.now() });
        this.#options.logger.debug({ session: id }, 'session started');
      },
      onsessionclosed: (id) => {
        const session = this.#sessions.get(id);
        this.#sessions.delete(id);
        if (session) void session.server.close();
      },
    });
    transport.onclose = () => {
      const id = transport.sessionId;
      if (id && this.#sessions.delete(id)) void server.close();
    };
    await server.connect(asKernelTransport(transport));
    return transport.handleRequest(req, res, body);
  }

  #session(req: IncomingMessage, res: ServerResponse): Session | undefined {
    const header = req.headers['mcp-session-id'];
    const id = Array.isArray(header) ? header[0] : header;
    const session = id ? this.#sessions.get(id) : undefined;
    if (!session) {
      sendError(res, id ? 404 : 400, -32001, id ? 'Session not found (it ended or the server restarted): initialize again' : 'Bad request: Mcp-Session-Id header is required');
      return undefined;
    }
    session.lastSeen = Date.now();
    return session;
  }

  async #closeSession(session: Session): Promise<void> {
    await session.transport.close().catch(() => undefined);
    await session.server.close().catch(() => undefined);
  }

  async #reapIdle(): Promise<void> {
    const cutoff = Date.now() - this.#options.sessionIdleTimeoutMs;
    for (const [id, session] of this.#sessions) {
      if (session.lastSeen >= cutoff) continue;
      this.#sessions.delete(id);
      this.#options.logger.debug({ session: id }, 'closing idle session');
      await this.#closeSession(session);
    }
  }
}

function sendError(res: ServerResponse, status: number, code: number, message: string): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify({ jsonrpc: '2.0', error: { code, message }, id: null }));
}
