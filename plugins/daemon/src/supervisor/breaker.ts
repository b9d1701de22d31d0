import type { BreakerOptions } from './options.js';

/**
 * Crash-loop breaker: remembers crash times; `record` answers true when
 * `maxCrashes` crashes fell within the last `windowMs`.
 */
export class CrashBreaker {
  private crashes: number[] = [];

  constructor(private readonly options: BreakerOptions) {}

  record(now: number = Date.now()): boolean {
    this.crashes = this.crashes.filter((at) => now - at < this.options.windowMs);
    this.crashes.push(now);
    return this.crashes.length >= this.options.maxCrashes;
  }

  reset(): void {
    this.crashes = [];
  }

  /** Crashes inside the window as of `now`. */
  count(now: number = Date.now()): number {
    return this.crashes.filter((at) => now - at < this.options.windowMs).length;
  }
}
