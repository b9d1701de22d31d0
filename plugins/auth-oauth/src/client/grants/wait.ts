import { OAUTH_INTERRUPTED, OAUTH_LOGIN_TIMEOUT } from '../../errors.js';

/** Wait for a person-driven step, bounded by a timeout and the user's Ctrl-C. */
export async function waitFor<T>(promise: Promise<T>, timeoutMs: number, label: string, signal?: AbortSignal): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(OAUTH_LOGIN_TIMEOUT(label, Math.round(timeoutMs / 1000))), timeoutMs);
        timer.unref?.();
      }),
      new Promise<never>((_, reject) => {
        if (!signal) return;
        onAbort = () => reject(OAUTH_INTERRUPTED(label));
        if (signal.aborted) onAbort();
        else signal.addEventListener('abort', onAbort, { once: true });
      }),
    ]);
  } finally {
    clearTimeout(timer);
    if (onAbort) signal?.removeEventListener('abort', onAbort);
  }
}

/** Sleep that Ctrl-C interrupts. */
export async function pause(ms: number, label: string, signal?: AbortSignal): Promise<void> {
  await waitFor(new Promise<void>((resolve) => setTimeout(resolve, ms)), ms + 60_000, label, signal);
}
