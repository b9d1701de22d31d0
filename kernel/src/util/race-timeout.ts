/**
 * Settle with `work`, or reject with `onTimeout()` after `ms`. The timer is
 * cleared either way and stays referenced meanwhile: a hung promise holds no
 * handle of its own, and an unreferenced timer would let Node exit with an
 * unsettled await instead of reporting the timeout.
 */
export async function raceTimeout<T>(work: () => T | Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms);
  });
  try {
    return await Promise.race([Promise.resolve().then(work), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
