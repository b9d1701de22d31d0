import { connect, type Socket } from 'node:net';
import { errors, McpctlError } from '@mcpctl/kernel';
import { DAEMON_NOT_RUNNING, DAEMON_PROTOCOL, DAEMON_REQUEST_FAILED } from '../errors.js';
import { LineDecoder } from '@mcpctl/toolkit/json-lines';
import { CANCEL_NOTIFICATION, DAEMON_PROTOCOL_VERSION, MAX_LINE_BYTES, RpcErrorCode, type RpcErrorObject } from './protocol.js';

export interface RpcRequestOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
  /** Called for each notification the daemon sends about this request (e.g. progress). */
  onNotification?: (method: string, params: Record<string, unknown>) => void;
  /**
   * Restart `timeoutMs` on each such notification: the daemon restarts its own
   * timeout on progress, so the client's must not expire first.
   */
  restartTimeoutOnNotification?: boolean;
}

export interface RpcClient {
  request<T = unknown>(method: string, params?: Record<string, unknown>, options?: RpcRequestOptions): Promise<T>;
  close(): void;
  /** Resolves when the connection closes. */
  readonly closed: Promise<void>;
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: unknown): void;
  onNotification?: RpcRequestOptions['onNotification'];
}

/**
 * Connect to the daemon's socket. Rejects with MCPCTL_DAEMON_NOT_RUNNING when
 * nothing listens there (missing or stale socket). Deliberately small: it is
 * on the start-up path of every client command.
 */
export function connectRpc(path: string, options: { timeoutMs?: number } = {}): Promise<RpcClient> {
  return new Promise((resolve, reject) => {
    const socket = connect(path);
    const timer = setTimeout(() => {
      socket.destroy();
      reject(DAEMON_NOT_RUNNING(path, { details: { reason: 'connect timeout' } }));
    }, options.timeoutMs ?? 2000);
    socket.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(DAEMON_NOT_RUNNING(path, { cause: error, details: { reason: error.code ?? error.message } }));
    });
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      resolve(createClient(socket));
    });
  });
}

function createClient(socket: Socket): RpcClient {
  const decoder = new LineDecoder(MAX_LINE_BYTES);
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let failure: Error | undefined;
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));

  const failAll = (error: Error): void => {
    failure ??= error;
    for (const entry of pending.values()) entry.reject(error);
    pending.clear();
  };
  socket.on('data', (chunk: Buffer) => {
    let lines: string[];
    try {
      lines = decoder.push(chunk);
    } catch (error) {
      failAll(DAEMON_PROTOCOL((error as Error).message));
      socket.destroy();
      return;
    }
    for (const line of lines) dispatch(line);
  });
  socket.on('error', (error) => failAll(DAEMON_PROTOCOL(`socket error: ${error.message}`)));
  socket.on('close', () => failAll(DAEMON_PROTOCOL('the daemon closed the connection')));

  function dispatch(line: string): void {
    let message: Record<string, unknown>;
    try {
      message = JSON.parse(line) as Record<string, unknown>;
    } catch {
      failAll(DAEMON_PROTOCOL('the daemon sent a line that is not JSON'));
      socket.destroy();
      return;
    }
    if (typeof message.id === 'number') {
      const entry = pending.get(message.id);
      if (!entry) return;
      pending.delete(message.id);
      if ('error' in message) entry.reject(toError(message.error as RpcErrorObject));
      else entry.resolve(message.result);
      return;
    }
    if (typeof message.method === 'string') {
      const params = (message.params ?? {}) as Record<string, unknown>;
      const target = params.id;
      if (typeof target === 'number') pending.get(target)?.onNotification?.(message.method, params);
    }
  }

  return {
    closed,
    close: () => socket.end(),
    request<T>(method: string, params: Record<string, unknown> = {}, options: RpcRequestOptions = {}): Promise<T> {
      if (failure) return Promise.reject(failure);
      const id = nextId++;
      return new Promise<T>((resolve, reject) => {
        let timer: NodeJS.Timeout | undefined;
        const cleanup = (): void => {
          if (timer) clearTimeout(timer);
          options.signal?.removeEventListener('abort', onAbort);
        };
        const cancel = (error: Error): void => {
          if (!pending.delete(id)) return;
          cleanup();
          socket.write(JSON.stringify({ jsonrpc: '2.0', method: CANCEL_NOTIFICATION, params: { id }, protocol: DAEMON_PROTOCOL_VERSION }) + '\n');
          reject(error);
        };
        const onAbort = (): void => cancel(errors.INTERRUPTED());
        if (options.signal?.aborted) {
          reject(errors.INTERRUPTED());
          return;
        }
        pending.set(id, {
          resolve: (value) => {
            cleanup();
            resolve(value as T);
          },
          reject: (error) => {
            cleanup();
            reject(error);
          },
          ...(options.onNotification
            ? {
                onNotification: (notification: string, notificationParams: Record<string, unknown>) => {
                  if (options.restartTimeoutOnNotification) startTimer();
                  options.onNotification!(notification, notificationParams);
                },
              }
            : {}),
        });
        options.signal?.addEventListener('abort', onAbort, { once: true });
        function startTimer(): void {
          if (options.timeoutMs === undefined || options.timeoutMs <= 0) return;
          const ms = options.timeoutMs;
          if (timer) clearTimeout(timer);
          timer = setTimeout(() => cancel(errors.TIMEOUT(method, ms)), ms);
        }
        startTimer();
        socket.write(JSON.stringify({ jsonrpc: '2.0', id, method, params, protocol: DAEMON_PROTOCOL_VERSION }) + '\n');
      });
    },
  };
}

/** Turn a JSON-RPC error from the daemon back into a coded error. */
export function toError(error: RpcErrorObject): McpctlError {
  const data = error.data ?? {};
  if (error.code === RpcErrorCode.MCPCTL_ERROR && data.code) {
    return new McpctlError(data.code, error.message, {
      ...(data.hint ? { hint: data.hint } : {}),
      ...(data.exitCode !== undefined ? { exitCode: data.exitCode } : {}),
      ...(data.details ? { details: data.details } : {}),
    });
  }
  if (error.code === RpcErrorCode.UNSUPPORTED_PROTOCOL) return DAEMON_PROTOCOL(error.message);
  return DAEMON_REQUEST_FAILED(error.message, { details: { rpcCode: error.code } });
}
