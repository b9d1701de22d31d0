import type { SearchBatch, SearchBatchResult } from '../grep/batch.js';

/** What the pool's workers can do, and the messages between the pool and a worker. */

export type PoolTask = SearchBatch;

/** Each task kind's result. */
export interface TaskResults {
  grep: SearchBatchResult;
}

export type WorkerMessage = { id: number; task: PoolTask } | { cancel: number };

export interface TaskFailure {
  name: string;
  message: string;
  /** An errno code (ENOENT, EIO…), kept so the failure maps to the same tool error as in-process. */
  code?: string;
  cancelled?: boolean;
}

export type TaskReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: TaskFailure };
