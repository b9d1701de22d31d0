import { scrub } from '../url.js';

/** What the network engines (pg, mysql2) share: driver errors made safe to show, and cancelling a statement on abort. */

/** A driver's reason, with its error code when the message lacks it, and the url's secrets scrubbed. */
export function describeDriverError(error: unknown, secrets: readonly string[]): string {
  if (!(error instanceof Error)) return scrub(String(error), secrets);
  const code = (error as { code?: string }).code;
  const message = error.message || (error as AggregateError).errors?.map((e: Error) => e.message).join('; ') || 'unknown error';
  return scrub(code && !message.includes(code) ? `${message} (${code})` : message, secrets);
}

/** Run `work`; if `signal` aborts meanwhile, call `cancel` (which stops the statement in the database). */
export async function cancelOnAbort<T>(signal: AbortSignal | undefined, cancel: () => void, work: () => Promise<T>): Promise<T> {
  if (!signal) return work();
  signal.addEventListener('abort', cancel, { once: true });
  try {
    return await work();
  } finally {
    signal.removeEventListener('abort', cancel);
  }
}
