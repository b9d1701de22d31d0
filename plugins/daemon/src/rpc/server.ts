import { chmod, rm } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { isMcpctlError } from '@mcpctl/kernel';
import { LineDecoder } from '@mcpctl/toolkit/json-lines';
import {
  CANCEL_NOTIFICATION,
  MAX_LINE_BYTES,
  RpcErrorCode,
  SUPPORTED_PROTOCOL_VERSIONS,
  type RpcErrorObject,
  type RpcId,
  type RpcResponse,
} from './protocol.js';

/** What a method handler gets besides its params. */
export interface RpcCallContext {
  /** The request's id (notifications about it carry it as `params.id`). */
  id: RpcId;
  /** Aborted when the client cancels the request or disconnects. */
  signal: AbortSignal;
  /** Send a notification to the calling client. */
  notify(method: string, params: Record<string, unknown>): void;
  /** Receive the client's notifications about this request (those whose `params.id` is its id), other than cancel. */
  onNotification(listener: (method: string, params: Record<string, unknown>) => void): void;
}

export type RpcHandler = (params: Record<string, unknown>, context: RpcCallContext) => Promise<unknown>;

/** An error a handler throws to choose the JSON-RPC error code itself. */
export class RpcError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly data?: RpcErrorObject['data'],
  ) {
    super(message);
  }
}

export interface RpcServer {
  close(): Promise<void>;
  /** Number of open client connections. */
  connections(): number;
}

/**
 * Serve JSON-RPC 2.0 over a Unix socket at `path` (mode 0600). Requests on
 * one connection are handled concurrently; responses carry the request's id,
 * so a client may pipeline.
 */
export async function listenRpc(path: string, handlers: Readonly<Record<string, RpcHandler>>, onError: (error: unknown) => void): Promise<RpcServer> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    serveConnection(socket, handlers, onError);
  });
  await rm(path, { force: true });
  const previousUmask = process.umask(0o177);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(path, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } finally {
    process.umask(previousUmask);
  }
  await chmod(path, 0o600);
  server.on('error', onError);
  return {
    connections: () => sockets.size,
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // end() lets answers already written (e.g. to daemon.stop) reach the client; destroy what lingers.
      for (const socket of sockets) socket.end();
      const linger = setTimeout(() => {
        for (const socket of sockets) socket.destroy();
      }, 500);
      await closed;
      clearTimeout(linger);
      await rm(path, { force: true });
    },
  };
}

function serveConnection(socket: Socket, handlers: Readonly<Record<string, RpcHandler>>, onError: (error: unknown) => void): void {
  const decoder = new LineDecoder(MAX_LINE_BYTES);
  const pending = new Map<RpcId, AbortController>();
  const listeners = new Map<RpcId, (method: string, params: Record<string, unknown>) => void>();
  const write = (message: object): void => {
    if (!socket.destroyed && socket.writable) socket.write(JSON.stringify(message) + '\n');
  };
  socket.on('data', (chunk: Buffer) => {
    let lines: string[];
    try {
      lines = decoder.push(chunk);
    } catch (error) {
      write(errorResponse(null, RpcErrorCode.PARSE_ERROR, (error as Error).message));
      socket.destroy();
      return;
    }
    for (const line of lines) handleLine(line);
  });
  socket.on('error', () => socket.destroy());
  socket.on('close', () => {
    for (const controller of pending.values()) controller.abort(new Error('client disconnected'));
    pending.clear();
    listeners.clear();
  });

  function handleLine(line: string): void {
    let message: unknown;
    try {
      message = JSON.parse(line);
    } catch (error) {
      write(errorResponse(null, RpcErrorCode.PARSE_ERROR, `not JSON: ${(error as Error).message}`));
      return;
    }
    if (typeof message !== 'object' || message === null || Array.isArray(message)) {
      write(errorResponse(null, RpcErrorCode.INVALID_REQUEST, 'a request must be a JSON object (batches are not supported)'));
      return;
    }
    const request = message as Record<string, unknown>;
    const id = typeof request.id === 'number' || typeof request.id === 'string' ? request.id : undefined;
    const isNotification = !('id' in request);
    if (request.jsonrpc !== '2.0' || typeof request.method !== 'string' || (!isNotification && id === undefined)) {
      write(errorResponse(id ?? null, RpcErrorCode.INVALID_REQUEST, 'not a JSON-RPC 2.0 request'));
      return;
    }
    const params = request.params ?? {};
    if (typeof params !== 'object' || params === null || Array.isArray(params)) {
      if (!isNotification) write(errorResponse(id ?? null, RpcErrorCode.INVALID_PARAMS, 'params must be an object'));
      return;
    }
    if (!SUPPORTED_PROTOCOL_VERSIONS.includes(request.protocol as number)) {
      if (!isNotification) {
        const given = request.protocol === undefined ? 'no protocol version' : `protocol version ${JSON.stringify(request.protocol)}`;
        write(
          errorResponse(id ?? null, RpcErrorCode.UNSUPPORTED_PROTOCOL, `request has ${given}; this daemon speaks ${SUPPORTED_PROTOCOL_VERSIONS.join(', ')}`, {
            supported: SUPPORTED_PROTOCOL_VERSIONS,
            hint: 'Restart the daemon with the same mcpctl version as the CLI: `mcpctl daemon stop && mcpctl daemon start`.',
          }),
        );
      }
      return;
    }
    if (isNotification) {
      const target = (params as Record<string, unknown>).id;
      if (typeof target !== 'number' && typeof target !== 'string') return;
      if (request.method === CANCEL_NOTIFICATION) pending.get(target)?.abort(new Error('cancelled by the client'));
      else listeners.get(target)?.(request.method, params as Record<string, unknown>);
      return;
    }
    const handler = Object.hasOwn(handlers, request.method) ? handlers[request.method] : undefined;
    if (!handler) {
      write(errorResponse(id!, RpcErrorCode.METHOD_NOT_FOUND, `unknown method "${request.method}"`));
      return;
    }
    const controller = new AbortController();
    pending.set(id!, controller);
    const context: RpcCallContext = {
      id: id!,
      signal: controller.signal,
      notify: (method, notifyParams) => write({ jsonrpc: '2.0', method, params: notifyParams }),
      onNotification: (listener) => void listeners.set(id!, listener),
    };
    handler(params as Record<string, unknown>, context).then(
      (result) => {
        pending.delete(id!);
        listeners.delete(id!);
        write({ jsonrpc: '2.0', id: id!, result: result ?? null });
      },
      (error: unknown) => {
        pending.delete(id!);
        listeners.delete(id!);
        if (!(error instanceof RpcError) && !isMcpctlError(error)) onError(error);
        write({ jsonrpc: '2.0', id: id!, error: toRpcError(error, controller.signal.aborted) });
      },
    );
  }
}

function errorResponse(id: RpcId | null, code: number, message: string, data?: RpcErrorObject['data']): RpcResponse {
  return { jsonrpc: '2.0', id, error: data ? { code, message, data } : { code, message } };
}

export function toRpcError(error: unknown, aborted: boolean): RpcErrorObject {
  if (error instanceof RpcError) return error.data ? { code: error.code, message: error.message, data: error.data } : { code: error.code, message: error.message };
  if (isMcpctlError(error)) {
    return {
      code: RpcErrorCode.MCPCTL_ERROR,
      message: error.message,
      data: { code: error.code, exitCode: error.exitCode, ...(error.hint ? { hint: error.hint } : {}), ...(error.details ? { details: error.details } : {}) },
    };
  }
  if (aborted) return { code: RpcErrorCode.CANCELLED, message: 'request cancelled' };
  return { code: RpcErrorCode.INTERNAL_ERROR, message: error instanceof Error ? error.message : String(error) };
}
