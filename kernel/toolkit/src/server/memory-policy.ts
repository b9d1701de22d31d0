import { constants, PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';
import v8 from 'node:v8';

/**
 * A memory policy for processes hosting servers that stream a lot of data
 * through short-lived objects (rows of a scan, entries of a 100k-file walk):
 * while any holder holds it, V8's young generation may grow to semi-spaces
 * of YOUNG_GENERATION_CAP_MB, not beyond. The db and fs plugins hold it
 * while one of their servers is open.
 *
 * Why: V8 doubles the young generation each time the bytes that survived
 * young collections since the last doubling add up to its size, up to
 * 64 MB semi-spaces on 64-bit Node (two of them: 128 MB of RSS). Streaming
 * keeps about one page alive at any moment, so a long enough scan always
 * adds up: without a cap, peak RSS grows with the number of rows read
 * (bench:db: +120% from 10k to 1M rows) although the live heap stays flat.
 * A page's working set fits an 8 MB semi-space many times over.
 *
 * How: V8 reads `--semi-space-growth-factor` each time it grows the young
 * generation. After every young collection the policy sets it to 1 (no
 * growth) when doubling the semi-space would pass the cap, and back to V8's
 * 2 otherwise (V8 shrinks the young generation when the process idles).
 *
 * Trade-offs: more young collections under sustained allocation (each is
 * cheap: little survives them). The flag is process-wide: at the cap,
 * worker threads' young generations do not grow either, so a plugin's
 * own workers start with growth allowed (allowingYoungGrowth) where their
 * start-up is heavy, and run with the cap as a resource limit
 * (workerResourceLimits). Changing a V8 flag
 * changes V8's flag hash, so code caches (Node's compile cache) made after
 * the first change do not match a fresh process: modules first loaded
 * after a long scan are compiled again by the next process that loads them.
 *
 * An explicit choice wins: a process started with its own semi-space flags
 * (`--max-semi-space-size`, `--semi-space-growth-factor`…, on the command
 * line or in NODE_OPTIONS — the detached daemon runs with one) is left alone.
 */

export const YOUNG_GENERATION_CAP_MB = 8;
const V8_GROWTH_FACTOR = 2;
const MB = 1024 * 1024;

let holders = 0;
/** Worker start-ups under way (see allowingYoungGrowth). */
let starting = 0;
let observer: PerformanceObserver | undefined;
let factor = V8_GROWTH_FACTOR;

/** The young generation's semi-space capacity in whole MB: used + available, a few KB short of it (more for a moment while a collection holds pinned pages). */
export function semiSpaceMb(): number {
  const space = v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
  return space ? Math.round((space.space_used_size + space.space_available_size) / MB) : 0;
}

function setFactor(next: number): void {
  if (next === factor) return;
  v8.setFlagsFromString(`--semi-space-growth-factor=${next}`);
  factor = next;
}

/** Let V8 double the semi-space only where the double stays within the cap (after a shrink it may be 6 MB: that stays). */
function govern(): void {
  const capped = holders > 0 && starting === 0 && semiSpaceMb() * V8_GROWTH_FACTOR > YOUNG_GENERATION_CAP_MB;
  setFactor(capped ? 1 : V8_GROWTH_FACTOR);
}

function isMinorGc(entry: PerformanceEntry): boolean {
  return (entry as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MINOR;
}

/** True when Node was started with young-generation flags of its own. */
export function explicitSemiSpaceFlags(argv: readonly string[] = process.execArgv, nodeOptions = process.env.NODE_OPTIONS ?? ''): boolean {
  return [...argv, ...nodeOptions.split(/\s+/)].some((arg) => /^--(?:(?:max|min)[-_])?semi[-_]space[-_]/.test(arg));
}

/**
 * Run a worker thread's start-up with V8's growth allowed. The growth
 * factor is process-wide, and a new worker's young generation starts at
 * 1 MB: held there while the worker loads its modules, the start-up
 * crawls (up to 2.5 times as long for a SQLite server under load). The
 * process's own young generation may grow a step meanwhile.
 */
export async function allowingYoungGrowth<T>(startUp: () => Promise<T>): Promise<T> {
  starting++;
  govern();
  try {
    return await startUp();
  } finally {
    starting--;
    govern();
  }
}

/** Limits for a plugin's worker threads: the same cap, enforced per isolate (3 × the semi-space is V8's young generation). */
export function workerResourceLimits(): { maxYoungGenerationSizeMb: number } | undefined {
  return explicitSemiSpaceFlags() ? undefined : { maxYoungGenerationSizeMb: 3 * YOUNG_GENERATION_CAP_MB };
}

/**
 * Hold the policy while a server is open; returns its release (safe to
 * call twice). The first holder installs it; the last release restores
 * V8's growth.
 */
export function holdMemoryPolicy(): () => void {
  if (explicitSemiSpaceFlags()) return () => undefined;
  holders++;
  if (holders === 1) {
    govern();
    observer = new PerformanceObserver((list) => {
      if (list.getEntries().some(isMinorGc)) govern();
    });
    observer.observe({ entryTypes: ['gc'] });
  }
  let released = false;
  return () => {
    if (released) return;
    released = true;
    holders--;
    if (holders > 0) return;
    observer?.disconnect();
    observer = undefined;
    govern();
  };
}
