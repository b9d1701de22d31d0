import { ToolError, ToolErrorCode } from './errors.js';

/**
 * Run `work` with a signal that aborts when the caller cancels (the client's
 * `notifications/cancelled`) or when `timeoutMs` passes. The returned promise
 * settles at that moment even if `work` ignores its signal, so a stuck
 * handler cannot hold a request open.
 */
export async function runWithDeadline<T>(work: (signal: AbortSignal) => Promise<T>, options: { signal?: AbortSignal; timeoutMs: number; what: string }): Promise<T> {
  const controller = new AbortController();
  const { signal: parent, timeoutMs, what } = options;
  let onAbort: (() => void) | undefined;
  let timer: NodeJS.Timeout | undefined;

  const stopped = new Promise<never>((_, reject) => {
    const fail = (error: ToolError): void => {
      if (!controller.signal.aborted) controller.abort(error);
      reject(error);
    };
    timer = setTimeout(
      () => fail(new ToolError(ToolErrorCode.TIMEOUT, `${what} timed out after ${timeoutMs}ms`, { hint: 'Narrow the request (a smaller limit, range or path), or raise the server\'s timeout.' })),
      timeoutMs,
    );
    timer.unref?.();
    onAbort = () => fail(new ToolError(ToolErrorCode.CANCELLED, `${what} was cancelled by the client`));
    if (parent?.aborted) onAbort();
    else parent?.addEventListener('abort', onAbort, { once: true });
  });
  // The losing branch must not surface as an unhandled rejection.
  stopped.catch(() => undefined);

  try {
    return await Promise.race([work(controller.signal), stopped]);
  } finally {
    clearTimeout(timer);
    if (onAbort) parent?.removeEventListener('abort', onAbort);
  }
}

/** Throw the abort reason if `signal` is aborted: call between units of work. */
export function throwIfAborted(signal: AbortSignal): void {
  if (signal.aborted) throw signal.reason instanceof Error ? signal.reason : new ToolError(ToolErrorCode.CANCELLED, 'Operation was cancelled');
}
