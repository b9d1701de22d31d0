import { throwIfAborted } from '@mcpctl/toolkit/base';
import { TaskCancelled, type WorkerPool } from '../pool/pool.js';
import { groupByDirectory, type BatchFile, type SearchBatchResult, type SearchSpec } from './batch.js';
import type { LineMatch } from './search.js';

/**
 * Fans a walk's files out to the worker pool in batches and hands the
 * results back strictly in walk order, so paging and cursors work exactly as
 * in a one-thread search. At most a few batches are in flight; adding a file
 * waits when the pool is that far ahead.
 */

const BATCH_FILES = 512;

export interface QueuedFile {
  file: BatchFile;
  /** Keeps the file's directory open until its batch is done. */
  release(): void;
}

/** Take one file's matches (undefined: it could not be opened); false stops the search. */
export type Consume<F extends QueuedFile> = (file: F, matches: LineMatch[] | undefined) => boolean;

interface InFlight<F> {
  files: F[];
  controller: AbortController;
  result: Promise<SearchBatchResult>;
}

export class ParallelSearch<F extends QueuedFile> {
  readonly #pool: WorkerPool;
  readonly #spec: SearchSpec;
  readonly #limits: () => { maxMatches: number; maxBytes: number };
  readonly #consume: Consume<F>;
  readonly #signal: AbortSignal;
  readonly #onAbort = () => void this.abandon();
  readonly #inFlight: InFlight<F>[] = [];
  #batch: F[] = [];
  #stopped = false;
  /** For the first batch only: its first file is a page's resume point. */
  #firstAfterLine: number;

  /**
   * `signal`: the call's; when it aborts, batches in flight are cancelled at once (the walk may be waiting on one).
   * `firstAfterLine`: the first file added is searched only after this line (a page resumed inside it).
   */
  constructor(pool: WorkerPool, spec: SearchSpec, limits: () => { maxMatches: number; maxBytes: number }, consume: Consume<F>, signal: AbortSignal, firstAfterLine = 0) {
    this.#firstAfterLine = firstAfterLine;
    this.#pool = pool;
    this.#spec = spec;
    this.#limits = limits;
    this.#consume = consume;
    this.#signal = signal;
    signal.addEventListener('abort', this.#onAbort, { once: true });
  }

  /** Queue a file; resolves false once the search stopped (the page is full). */
  add(file: F): boolean | Promise<boolean> {
    throwIfAborted(this.#signal);
    if (this.#stopped) {
      file.release();
      return false;
    }
    this.#batch.push(file);
    if (this.#batch.length < BATCH_FILES) return true;
    this.#dispatch();
    return this.#inFlight.length >= this.#pool.size * 2 ? this.#takeHead() : true;
  }

  /** Search what is still queued and take every result; false if the search stopped. */
  async finish(): Promise<boolean> {
    if (!this.#stopped && this.#batch.length > 0) this.#dispatch();
    while (this.#inFlight.length > 0 && !this.#stopped) await this.#takeHead();
    await this.abandon();
    return !this.#stopped;
  }

  /** Cancel whatever is in flight and wait until no worker uses its directories any more. */
  async abandon(): Promise<void> {
    this.#signal.removeEventListener('abort', this.#onAbort);
    for (const file of this.#batch.splice(0)) file.release();
    const left = this.#inFlight.splice(0);
    for (const batch of left) batch.controller.abort();
    await Promise.allSettled(left.map((batch) => batch.result));
    for (const batch of left) for (const file of batch.files) file.release();
  }

  #dispatch(): void {
    const files = this.#batch;
    this.#batch = [];
    const { maxMatches, maxBytes } = this.#limits();
    const controller = new AbortController();
    const firstAfterLine = this.#firstAfterLine;
    this.#firstAfterLine = 0;
    const task = { kind: 'grep' as const, spec: this.#spec, directories: groupByDirectory(files.map((queued) => queued.file)), maxMatches, maxBytes, ...(firstAfterLine > 0 ? { firstAfterLine } : {}) };
    const result = this.#pool.run(task, controller.signal);
    // Settled later, in order; until then a rejection must not count as unhandled.
    result.catch(() => undefined);
    this.#inFlight.push({ files, controller, result });
  }

  async #takeHead(): Promise<boolean> {
    // The head stays listed while awaited, so an abort meanwhile cancels it too.
    const batch = this.#inFlight[0] as InFlight<F>;
    let result: SearchBatchResult;
    try {
      result = await batch.result;
    } catch (error) {
      this.#forget(batch);
      if (!(error instanceof TaskCancelled)) throw error;
      throwIfAborted(this.#signal);
      return !this.#stopped;
    }
    this.#forget(batch);
    throwIfAborted(this.#signal);
    this.#take(batch.files, result);
    if (this.#stopped) await this.abandon();
    return !this.#stopped;
  }

  #forget(batch: InFlight<F>): void {
    const index = this.#inFlight.indexOf(batch);
    if (index !== -1) this.#inFlight.splice(index, 1);
    for (const file of batch.files) file.release();
  }

  #take(files: F[], result: SearchBatchResult): void {
    const unopened = new Set(result.unopened);
    const matched = new Map(result.matched);
    for (let index = 0; index < result.end; index++) {
      const file = files[index] as F;
      if (!this.#consume(file, unopened.has(index) ? undefined : (matched.get(index) ?? []))) {
        this.#stopped = true;
        return;
      }
    }
    // A batch stops early only on a limit that must have filled the page by now.
    if (result.end < files.length) throw new Error(`grep: a search batch stopped after ${result.end} of ${files.length} files, but the page is not full`);
  }
}
