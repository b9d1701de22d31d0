import { errors } from '@mcpctl/kernel';
import { DAEMON_REQUEST_FAILED } from '../errors.js';
import type { RpcClient, RpcRequestOptions } from './client.js';
import { toError } from './client.js';
import { toRpcError, type RpcHandler } from './server.js';

let local: Readonly<Record<string, RpcHandler>> | undefined;
let nextId = 1;

/**
 * Make the daemon's socket methods callable in-process, for invocations the
 * daemon runs for thin clients: their `session` hook then reaches the warm
 * sessions without a socket round trip. Returns the undo.
 */
export function serveInProcess(handlers: Readonly<Record<string, RpcHandler>>): () => void {
  local = handlers;
  return () => {
    if (local === handlers) local = undefined;
  };
}

/** A client for the daemon running in this process, if one is. */
export function inProcessClient(): RpcClient | undefined {
  const handlers = local;
  if (!handlers) return undefined;
  let markClosed!: () => void;
  const closed = new Promise<void>((resolve) => (markClosed = resolve));
  return {
    closed,
    close: () => markClosed(),
    async request<T>(method: string, params: Record<string, unknown> = {}, options: RpcRequestOptions = {}): Promise<T> {
      const handler = Object.hasOwn(handlers, method) ? handlers[method] : undefined;
      if (!handler) throw DAEMON_REQUEST_FAILED(`unknown method "${method}"`);
      const controller = new AbortController();
      const onAbort = () => controller.abort(new Error('cancelled by the client'));
      if (options.signal?.aborted) throw errors.INTERRUPTED();
      options.signal?.addEventListener('abort', onAbort, { once: true });
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<never>((_, reject) => {
        if (options.timeoutMs === undefined || options.timeoutMs <= 0) return;
        const ms = options.timeoutMs;
        timer = setTimeout(() => {
          controller.abort(new Error('timed out'));
          reject(errors.TIMEOUT(method, ms));
        }, ms);
      });
      const id = `local-${nextId++}`;
      try {
        const answer = handler(params, {
          id,
          signal: controller.signal,
          notify: (notification, notificationParams) => options.onNotification?.(notification, notificationParams),
          onNotification: () => undefined,
        });
        return (await Promise.race([answer, timedOut])) as T;
      } catch (error) {
        if (errors.TIMEOUT.is(error)) throw error;
        if (options.signal?.aborted) throw errors.INTERRUPTED();
        // The same coded error a socket client would see.
        throw toError(toRpcError(error, controller.signal.aborted));
      } finally {
        if (timer) clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
      }
    },
  };
}
