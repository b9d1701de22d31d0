import type { McpTransport } from '@mcpctl/kernel';

/**
 * Counts requests a server has received but not yet answered, by watching a
 * connected transport: a message with an id and a method is a request; a
 * message sent back with that id (and no method) is its answer. Used to let
 * in-flight calls finish before shutting down.
 */
export class InFlight {
  readonly #pending = new Set<string | number>();
  readonly #waiters = new Set<() => void>();

  get count(): number {
    return this.#pending.size;
  }

  /** Wrap a transport's callbacks; call after the server connected to it (connect replaces them). */
  watch(transport: McpTransport): void {
    const onmessage = transport.onmessage;
    transport.onmessage = (message, extra) => {
      const id = message.id;
      if ((typeof id === 'string' || typeof id === 'number') && typeof message.method === 'string') this.#pending.add(id);
      onmessage?.(message, extra);
    };
    const send = transport.send.bind(transport);
    transport.send = async (message, options) => {
      try {
        return await send(message, options);
      } finally {
        const id = message.id;
        if ((typeof id === 'string' || typeof id === 'number') && message.method === undefined) this.#settle(id);
      }
    };
  }

  /** Resolve when nothing is in flight, or after `timeoutMs` (returns whether it drained). */
  drain(timeoutMs: number): Promise<boolean> {
    if (this.#pending.size === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#waiters.delete(done);
        resolve(false);
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        resolve(true);
      };
      this.#waiters.add(done);
    });
  }

  #settle(id: string | number): void {
    if (!this.#pending.delete(id) || this.#pending.size > 0) return;
    for (const waiter of this.#waiters) waiter();
    this.#waiters.clear();
  }
}
