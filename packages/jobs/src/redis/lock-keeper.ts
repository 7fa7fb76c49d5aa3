import { Worker as Thread } from 'node:worker_threads';
import { JobQueueError } from '../job-queue';

/** Renews the locks of the jobs this process runs, from a thread of its own. */
export interface LockKeeper {
  /** Starts renewing the lock `token` of job `jobId` in BullMQ queue `queueName`. */
  hold(queueName: string, jobId: string, token: string): void;
  /** Stops renewing it (the job ended, or was handed back). */
  release(jobId: string, token: string): void;
  /** Stops the thread and its Redis connection. */
  close(): Promise<void>;
}

export interface LockKeeperOptions {
  url: string;
  prefix: string;
  lockDurationMs: number;
  onError: (error: Error) => void;
}

/**
 * BullMQ renews a worker's locks from the worker's own event loop, so a handler that computes synchronously for
 * longer than half a lock (an SVD, a shuffle test, a large import) would lose its job to another worker. This
 * keeper renews them from a worker thread with its own Redis connection, every third of a lock: locks then last
 * exactly as long as the process, and can be short, so a dead worker's job is taken over within seconds.
 * If the thread cannot start, the error is reported and BullMQ's own renewal remains.
 */
export function startLockKeeper(options: LockKeeperOptions): LockKeeper {
  const thread = new Thread(new URL('./lock-keeper-thread.mjs', import.meta.url), {
    workerData: { url: options.url, prefix: options.prefix, lockDurationMs: options.lockDurationMs, intervalMs: Math.max(200, Math.round(options.lockDurationMs / 3)) },
    // Plain JavaScript: no loader (tsx, a test runner's) needs to come along.
    execArgv: [],
  });
  thread.unref();
  const held = new Map<string, string>();
  let alive = true;
  let stopping = false;
  thread.on('message', (message: { type: string; id?: string; message?: string }) => {
    if (message.type === 'error') options.onError(new JobQueueError(`lock keeper: ${message.message}`));
    // A lock that ended with its job (completed just before the renewal) is not news; one still held here is.
    if (message.type === 'lost' && message.id && held.has(message.id)) {
      options.onError(new JobQueueError(`lock keeper: job ${message.id} lost its lock while this worker still runs it; another worker may run it too`));
    }
  });
  thread.on('error', (error) => {
    alive = false;
    // Once asked to stop, a connection closing under a request still in flight is the stop itself, not news.
    if (stopping) return;
    options.onError(new JobQueueError(`lock keeper thread stopped (locks are now renewed by the main thread only): ${error.message}`, { cause: error }));
  });
  thread.on('exit', () => (alive = false));
  return {
    hold(queueName, jobId, token) {
      held.set(jobId, token);
      if (alive) thread.postMessage({ type: 'hold', queue: queueName, id: jobId, token });
    },
    release(jobId, token) {
      if (held.get(jobId) === token) held.delete(jobId);
      if (alive) thread.postMessage({ type: 'release', id: jobId, token });
    },
    async close() {
      if (!alive) return;
      stopping = true;
      const stopped = new Promise<void>((resolve) => {
        thread.on('message', (message: { type: string }) => message.type === 'stopped' && resolve());
        thread.once('exit', () => resolve());
      });
      thread.postMessage({ type: 'stop' });
      const timer = setTimeout(() => void thread.terminate(), 2000);
      await stopped;
      clearTimeout(timer);
      await thread.terminate();
    },
  };
}
