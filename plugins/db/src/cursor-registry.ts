import { randomBytes } from 'node:crypto';
import type { PagedCursor } from './paged-cursor.js';

/**
 * Open query cursors between calls, by opaque id. Each holds a database
 * connection and transaction, so they are few (least recently used is
 * evicted past `max`) and short-lived (closed after `idleMs` unused). A
 * cursor is taken out while a call reads it, so two calls never share one.
 */

export interface OpenCursor {
  paged: PagedCursor;
  /** The statement and parameters, to refuse a cursor passed with different SQL. */
  fingerprint: string;
}

interface Slot extends OpenCursor {
  timer: NodeJS.Timeout;
}

export class CursorRegistry {
  readonly #slots = new Map<string, Slot>();
  readonly #max: number;
  readonly #idleMs: number;

  constructor(options: { max: number; idleMs: number }) {
    this.#max = Math.max(1, options.max);
    this.#idleMs = options.idleMs;
  }

  /** Park a cursor (under `id` when putting back one that was taken); returns its id. Evicts (closes) the least recently parked one when full. */
  park(cursor: OpenCursor, id: string = randomBytes(12).toString('base64url')): string {
    while (this.#slots.size >= this.#max) {
      const oldest = this.#slots.keys().next().value as string;
      this.#drop(oldest);
    }
    const timer = setTimeout(() => this.#drop(id), this.#idleMs);
    timer.unref();
    this.#slots.set(id, { ...cursor, timer });
    return id;
  }

  /** Take a cursor out (the caller parks it again or closes it); undefined when unknown or expired. */
  take(id: string): OpenCursor | undefined {
    const slot = this.#slots.get(id);
    if (!slot) return undefined;
    clearTimeout(slot.timer);
    this.#slots.delete(id);
    return { paged: slot.paged, fingerprint: slot.fingerprint };
  }

  #drop(id: string): void {
    const slot = this.#slots.get(id);
    if (!slot) return;
    clearTimeout(slot.timer);
    this.#slots.delete(id);
    void slot.paged.close().catch(() => undefined);
  }

  async closeAll(): Promise<void> {
    const slots = [...this.#slots.values()];
    this.#slots.clear();
    await Promise.all(slots.map(async (slot) => {
      clearTimeout(slot.timer);
      await slot.paged.close().catch(() => undefined);
    }));
  }
}
