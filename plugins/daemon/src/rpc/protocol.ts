/**
 * The daemon's socket protocol: JSON-RPC 2.0, one JSON object per line
 * (newline-delimited, UTF-8) over a Unix socket. Every request and
 * notification from a client carries `"protocol": DAEMON_PROTOCOL_VERSION`;
 * the daemon answers an unknown version with UNSUPPORTED_PROTOCOL and the
 * versions it speaks. Documented in docs/daemon.md.
 */
export const DAEMON_PROTOCOL_VERSION = 1;
export const SUPPORTED_PROTOCOL_VERSIONS: readonly number[] = [DAEMON_PROTOCOL_VERSION];

/** Largest line accepted on the socket (a request or a response). */
export const MAX_LINE_BYTES = 64 * 1024 * 1024;

export const RpcErrorCode = Object.freeze({
  PARSE_ERROR: -32700,
  INVALID_REQUEST: -32600,
  METHOD_NOT_FOUND: -32601,
  INVALID_PARAMS: -32602,
  INTERNAL_ERROR: -32603,
  /** A coded mcpctl error; `data` carries { code, hint, exitCode, details }. */
  MCPCTL_ERROR: -32000,
  /** The request's `protocol` is missing or not one the daemon speaks; `data.supported` lists them. */
  UNSUPPORTED_PROTOCOL: -32001,
  /** The request was cancelled (client `cancel` notification or disconnect). */
  CANCELLED: -32002,
} as const);

export type RpcId = number | string;

export interface RpcRequest {
  jsonrpc: '2.0';
  id: RpcId;
  method: string;
  params?: Record<string, unknown>;
  protocol: number;
}

export interface RpcNotification {
  jsonrpc: '2.0';
  method: string;
  params?: Record<string, unknown>;
  protocol?: number;
}

export interface RpcErrorObject {
  code: number;
  message: string;
  data?: RpcErrorData;
}

export interface RpcErrorData {
  /** The mcpctl error code (MCPCTL_…), when there is one. */
  code?: string;
  hint?: string;
  exitCode?: number;
  details?: Record<string, unknown>;
  supported?: readonly number[];
}

export type RpcResponse = { jsonrpc: '2.0'; id: RpcId | null; result: unknown } | { jsonrpc: '2.0'; id: RpcId | null; error: RpcErrorObject };

/** Server → client notification: progress of a pending `mcp.request` that asked for it. */
export const PROGRESS_NOTIFICATION = 'progress';
/** Client → server notification: cancel a pending request by id. */
export const CANCEL_NOTIFICATION = 'cancel';

/**
 * A thin client's whole invocation (`mcpctl call …`), run in the daemon's
 * process: request `exec`; the daemon sends `exec.stdout` / `exec.stderr`
 * chunks and `exec.stdin.wanted` when the command first reads stdin; the
 * client answers that with `exec.stdin` chunks and `exec.stdin.end`. Every
 * one of these carries the request's `id`; data is base64.
 */
export const EXEC_METHOD = 'exec';
export const EXEC_STDOUT = 'exec.stdout';
export const EXEC_STDERR = 'exec.stderr';
export const EXEC_STDIN_WANTED = 'exec.stdin.wanted';
export const EXEC_STDIN = 'exec.stdin';
export const EXEC_STDIN_END = 'exec.stdin.end';

/** MCP methods the daemon forwards to a server's warm session. */
export const FORWARDED_MCP_METHODS: ReadonlySet<string> = new Set([
  'ping',
  'tools/list',
  'tools/call',
  'resources/list',
  'resources/templates/list',
  'resources/read',
  'prompts/list',
  'prompts/get',
  'completion/complete',
]);
