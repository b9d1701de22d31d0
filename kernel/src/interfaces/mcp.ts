/**
 * Structural MCP types the kernel needs without depending on the MCP SDK
 * (kept off the start-up path). The SDK's `Transport`, `McpServer` and
 * `OAuthClientProvider` satisfy these shapes.
 */

/** A JSON-RPC message as the SDK passes it around. */
export type JsonRpcMessage = { jsonrpc: '2.0'; [key: string]: unknown };

/** The SDK's `Transport` interface, minimally. */
export interface McpTransport {
  start(): Promise<void>;
  send(message: JsonRpcMessage, options?: unknown): Promise<void>;
  close(): Promise<void>;
  onclose?: (() => void) | undefined;
  onerror?: ((error: Error) => void) | undefined;
  onmessage?: ((message: JsonRpcMessage, extra?: unknown) => void) | undefined;
  sessionId?: string | undefined;
  setProtocolVersion?: ((version: string) => void) | undefined;
}

/** What a server type builds: an object that can be connected to a transport (the SDK's McpServer). */
export interface McpServerLike {
  connect(transport: McpTransport): Promise<void>;
  close(): Promise<void>;
}

/** Options for one request on a {@link ClientSession}. */
export interface SessionRequestOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
  /** Called for each progress notification of this request. */
  onProgress?: (progress: { progress: number; total?: number; message?: string }) => void;
}

/**
 * A connected MCP client session, reduced to JSON-RPC: what client commands
 * need, whether the session is direct (SDK client) or proxied (daemon).
 */
export interface ClientSession {
  /** From the initialize result. */
  readonly serverInfo: { name: string; version: string; title?: string };
  readonly protocolVersion: string;
  readonly capabilities: Record<string, unknown>;
  readonly instructions?: string;
  /** Send a request and resolve to its result (throws McpctlError on failure). */
  request<T = unknown>(method: string, params?: Record<string, unknown>, options?: SessionRequestOptions): Promise<T>;
  close(): Promise<void>;
}

/** Asks the `session` hook for a ready session to a configured server. */
export interface SessionRequest {
  name: string;
  entry: import('./config.js').ServerEntry;
  timeoutMs?: number;
}
