import type { WarmSession } from './warm-session.js';

interface Waiter {
  resolve(session: WarmSession): void;
  reject(error: unknown): void;
}

/** Callers waiting for a unit's session while it starts, each with its own abort signal. */
export class ReadyWaiters {
  private waiters: Waiter[] = [];

  get size(): number {
    return this.waiters.length;
  }

  /** Wait for the next `resolveAll`; rejects on `rejectAll` or when `signal` aborts. */
  wait(signal?: AbortSignal): Promise<WarmSession> {
    return new Promise<WarmSession>((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const onAbort = (): void => {
        this.waiters = this.waiters.filter((entry) => entry !== waiter);
        reject(signal!.reason);
      };
      const waiter: Waiter = {
        resolve: (session) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(session);
        },
        reject: (error) => {
          signal?.removeEventListener('abort', onAbort);
          reject(error);
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.push(waiter);
    });
  }

  resolveAll(session: WarmSession): void {
    for (const waiter of this.take()) waiter.resolve(session);
  }

  rejectAll(error: unknown): void {
    for (const waiter of this.take()) waiter.reject(error);
  }

  private take(): Waiter[] {
    const waiters = this.waiters;
    this.waiters = [];
    return waiters;
  }
}
