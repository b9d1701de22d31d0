import { parentPort } from 'node:worker_threads';
import { searchBatch } from '../grep/batch.js';
import type { PoolTask, TaskFailure, TaskReply, WorkerMessage } from './tasks.js';

/**
 * A pool worker: runs its tasks one after another, in the order given (the
 * pool hands it the next before the current one ends). `cancel` drops a task
 * still waiting, or aborts the running one at its next check.
 */

if (!parentPort) throw new Error('The fs worker runs only as a worker thread');
const port = parentPort;
const waiting: Array<{ id: number; task: PoolTask }> = [];
let running: { id: number; controller: AbortController } | undefined;

function run(task: PoolTask, signal: AbortSignal): Promise<unknown> | unknown {
  switch (task.kind) {
    case 'grep':
      return searchBatch(task, signal);
  }
}

function failure(error: unknown, cancelled: boolean): TaskFailure {
  const thrown = error as NodeJS.ErrnoException;
  return {
    name: thrown?.name ?? 'Error',
    message: thrown?.message ?? String(error),
    ...(typeof thrown?.code === 'string' ? { code: thrown.code } : {}),
    ...(cancelled ? { cancelled: true } : {}),
  };
}

async function drain(): Promise<void> {
  while (!running && waiting.length > 0) {
    const { id, task } = waiting.shift() as { id: number; task: PoolTask };
    const controller = new AbortController();
    running = { id, controller };
    let reply: TaskReply;
    try {
      reply = { id, ok: true, value: await run(task, controller.signal) };
    } catch (error) {
      reply = { id, ok: false, error: failure(error, controller.signal.aborted) };
    }
    running = undefined;
    port.postMessage(reply);
  }
}

port.on('message', (message: WorkerMessage) => {
  if ('cancel' in message) {
    if (running?.id === message.cancel) running.controller.abort();
    const index = waiting.findIndex((entry) => entry.id === message.cancel);
    if (index !== -1) {
      waiting.splice(index, 1);
      port.postMessage({ id: message.cancel, ok: false, error: { name: 'TaskCancelled', message: 'cancelled', cancelled: true } } satisfies TaskReply);
    }
    return;
  }
  waiting.push(message);
  void drain();
});
