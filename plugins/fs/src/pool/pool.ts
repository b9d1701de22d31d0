import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { workerResourceLimits } from '@mcpctl/toolkit';
import type { PoolTask, TaskFailure, TaskReply, TaskResults, WorkerMessage } from './tasks.js';

/**
 * A few worker threads for work that is mostly system calls on many files
 * (grep over a large tree), so it runs on every core instead of one. Workers
 * start on first use and stop after a while without work; they are unref'd,
 * so they never keep a process alive. Each worker runs its tasks one at a
 * time, and holds the next one already: it must not sit idle until the main
 * thread, busy walking, gets round to handing it more.
 */

/** Workers stop after this long without a task: memory goes back, and the next burst pays one start-up. */
const IDLE_MS = 30_000;
const MAX_WORKERS = 3;
/** Tasks handed to one worker at once: the one it runs, and the next. */
const TASKS_PER_WORKER = 2;
/** A cancelled task still running after this long is stopped with its worker (a regex can run away on one long line). */
const CANCEL_GRACE_MS = 1_000;

interface Job {
  id: number;
  task: PoolTask;
  resolve(value: unknown): void;
  reject(error: Error): void;
  worker?: Worker;
  cancelled?: boolean;
}

function workerFile(): URL {
  // From compiled output the worker sits beside this file; running from TypeScript sources (tests), use the build.
  if (fileURLToPath(import.meta.url).endsWith('.js')) return new URL('./worker.js', import.meta.url);
  const built = new URL('../../dist/pool/worker.js', import.meta.url);
  if (!existsSync(built)) throw new Error(`The fs worker is not built (${fileURLToPath(built)}): run \`npx tsc -b plugins/fs\``);
  return built;
}

/** Thrown (as the rejection) for a task cancelled before it finished. */
export class TaskCancelled extends Error {
  constructor() {
    super('cancelled');
    this.name = 'TaskCancelled';
  }
}

export class WorkerPool {
  readonly size: number;
  /** Each worker and how many tasks it holds. */
  readonly #load = new Map<Worker, number>();
  readonly #queue: Job[] = [];
  /** Tasks posted to a worker (running there, or waiting behind its current one), by id. */
  readonly #handedOut = new Map<number, Job>();
  #nextId = 1;
  #done = 0;
  #idleTimer: NodeJS.Timeout | undefined;

  /**
   * One worker per core but one (the main thread is busy walking the tree and
   * taking results), at least one, at most three: each costs about 15 MiB.
   */
  constructor(size = Math.max(1, Math.min(MAX_WORKERS, availableParallelism() - 1))) {
    this.size = size;
  }

  /**
   * Run a task on a worker. An abort removes a queued task, or asks a running
   * one to stop at its next check (and stops its worker if it has not within
   * a second); either way the promise rejects with TaskCancelled once no
   * worker is touching the task's inputs any more.
   */
  run<T extends PoolTask>(task: T, signal?: AbortSignal): Promise<TaskResults[T['kind']]> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(new TaskCancelled());
      const onAbort = () => this.#cancel(job);
      const settle = () => signal?.removeEventListener('abort', onAbort);
      const job: Job = {
        id: this.#nextId++,
        task,
        resolve: (value) => (settle(), resolve(value as TaskResults[T['kind']])),
        reject: (error) => (settle(), reject(error)),
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#queue.push(job);
      this.#pump();
    });
  }

  /** Tasks finished so far (successfully or not). */
  get tasksDone(): number {
    return this.#done;
  }

  /** Stop every worker now (tests, shutdown). Running tasks reject. */
  async close(): Promise<void> {
    clearTimeout(this.#idleTimer);
    for (const job of this.#queue.splice(0)) job.reject(new TaskCancelled());
    await Promise.all([...this.#load.keys()].map((worker) => worker.terminate()));
  }

  #stopIdle(): void {
    for (const worker of [...this.#load.keys()]) {
      this.#load.delete(worker);
      void worker.terminate();
    }
  }

  #cancel(job: Job): void {
    const queued = this.#queue.indexOf(job);
    if (queued !== -1) {
      this.#queue.splice(queued, 1);
      job.reject(new TaskCancelled());
    } else if (job.worker && this.#handedOut.has(job.id)) {
      const worker = job.worker;
      job.cancelled = true;
      worker.postMessage({ cancel: job.id } satisfies WorkerMessage);
      // Checks come between files and chunks; a regex stuck on one huge line never reaches one.
      setTimeout(() => {
        if (this.#handedOut.has(job.id)) void worker.terminate();
      }, CANCEL_GRACE_MS).unref();
    }
  }

  #pump(): void {
    clearTimeout(this.#idleTimer);
    while (this.#queue.length > 0) {
      const worker = this.#leastLoaded() ?? (this.#load.size < this.size ? this.#spawn() : undefined);
      if (!worker) return;
      const job = this.#queue.shift() as Job;
      job.worker = worker;
      this.#load.set(worker, (this.#load.get(worker) ?? 0) + 1);
      this.#handedOut.set(job.id, job);
      worker.postMessage({ id: job.id, task: job.task } satisfies WorkerMessage);
    }
    if (this.#handedOut.size === 0) this.#idleTimer = setTimeout(() => this.#stopIdle(), IDLE_MS).unref();
  }

  /** The worker with the fewest tasks, if one can take another; a new worker first while there is room for one. */
  #leastLoaded(): Worker | undefined {
    let best: Worker | undefined;
    let bestLoad = TASKS_PER_WORKER;
    for (const [worker, load] of this.#load) {
      if (load < bestLoad) {
        best = worker;
        bestLoad = load;
      }
    }
    if (bestLoad > 0 && this.#load.size < this.size) return undefined;
    return best;
  }

  #spawn(): Worker {
    // The young generation gets the toolkit's cap; the old one keeps V8's default, since a
    // single line of a huge minified file can be hundreds of MB once it is a string.
    const limits = workerResourceLimits();
    const worker = new Worker(workerFile(), limits ? { resourceLimits: limits } : {});
    worker.unref();
    this.#load.set(worker, 0);
    worker.on('message', (reply: TaskReply) => {
      const job = this.#handedOut.get(reply.id);
      if (!job) return;
      this.#done++;
      this.#handedOut.delete(reply.id);
      const load = this.#load.get(worker);
      if (load !== undefined) this.#load.set(worker, load - 1);
      if (reply.ok) job.resolve(reply.value);
      else job.reject(reply.error.cancelled ? new TaskCancelled() : toError(reply.error));
      this.#pump();
    });
    const fail = (error: Error) => {
      if (!this.#load.delete(worker)) return;
      // The worker ran its tasks in the order given: the first was running and fails; the others never started, so they go to another worker.
      const held = [...this.#handedOut.values()].filter((job) => job.worker === worker).sort((a, b) => a.id - b.id);
      for (const job of held) this.#handedOut.delete(job.id);
      const [running, ...waiting] = held;
      if (running) running.reject(running.cancelled ? new TaskCancelled() : error);
      for (const job of waiting.reverse()) {
        delete job.worker;
        if (job.cancelled) job.reject(new TaskCancelled());
        else this.#queue.unshift(job);
      }
      this.#pump();
    };
    worker.on('error', (error) => fail(new Error(`An fs worker failed: ${error.message}`)));
    worker.on('exit', (code) => fail(new Error(`An fs worker exited (code ${code})`)));
    return worker;
  }
}

/** A failure from a worker, as an Error carrying the errno code the toolkit maps to a tool error. */
function toError(failure: TaskFailure): Error {
  return Object.assign(new Error(failure.message), { name: failure.name, ...(failure.code ? { code: failure.code } : {}) });
}

let shared: WorkerPool | undefined;

/** The process's pool, shared by every fs server in it. */
export function workerPool(): WorkerPool {
  shared ??= new WorkerPool();
  return shared;
}
