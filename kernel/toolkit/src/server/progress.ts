/**
 * Progress reporting for long tool calls. A no-op unless the client sent a
 * progress token; otherwise notifications are rate-limited and kept strictly
 * increasing, as the protocol requires.
 */

/** Report progress: `progress` grows; `total` when known; a short `message` for humans. */
export type ProgressFn = (progress: number, total?: number, message?: string) => void;

export interface ProgressNotification {
  method: 'notifications/progress';
  params: { progressToken: string | number; progress: number; total?: number; message?: string };
}

export function createProgressReporter(
  token: string | number | undefined,
  send: (notification: ProgressNotification) => Promise<void>,
  options: { minIntervalMs?: number } = {},
): ProgressFn {
  if (token === undefined) return () => undefined;
  const minInterval = options.minIntervalMs ?? 100;
  let last = -Infinity;
  let lastSentAt = 0;
  return (progress, total, message) => {
    if (!(progress > last)) return;
    const now = Date.now();
    const final = total !== undefined && progress >= total;
    if (!final && now - lastSentAt < minInterval) return;
    last = progress;
    lastSentAt = now;
    const params: ProgressNotification['params'] = { progressToken: token, progress };
    if (total !== undefined) params.total = total;
    if (message !== undefined) params.message = message;
    // Progress is advisory: a failed send (client gone) must not fail the call.
    send({ method: 'notifications/progress', params }).catch(() => undefined);
  };
}
