import { getJob } from '@branchscope/store';
import { Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { JobQueueError, type JobContext, type JobHandler } from '../job-queue';
import type { BlobStore } from './blob-store';
import type { JobStoreScope } from './job-store-scope';
import type { RedisJobData, RedisJobReturn } from './redis-job-data';
import { unpackJobFiles } from './job-files';
import { openScratchStore } from './scratch-store';
import { decodeRows, encodeRows } from './table-rows';

export interface BullWorkerOptions {
  connection: Redis;
  prefix: string;
  queueName: string;
  /** This process's name (`host:pid`), recorded on each job it takes. */
  name: string;
  handlers: ReadonlyMap<string, JobHandler<unknown>>;
  scope: JobStoreScope;
  blobs: BlobStore;
  concurrency: number;
  lockDurationMs: number;
  onError: (error: Error) => void;
}

const messageOf = (error: unknown): string =>
  error instanceof Error ? error.message || error.name : `job handler threw a non-error value: ${String(error)}`;

/**
 * Runs one job the way the API's store would have run it: the handler gets a scratch store seeded with what the
 * job reads, and everything it writes there goes back through Redis as the job's return value.
 */
async function runJob(bullJob: Job<RedisJobData>, options: BullWorkerOptions): Promise<RedisJobReturn> {
  const handler = options.handlers.get(bullJob.name);
  if (!handler) {
    throw new JobQueueError(`worker ${options.name} has no handler for '${bullJob.name}' jobs (it runs ${[...options.handlers.keys()].join(', ') || 'none'})`);
  }
  const scratch = await openScratchStore(await decodeRows(bullJob.data.reads, options.blobs));
  let cleanup: (() => Promise<void>) | undefined;
  try {
    const record = await getJob(scratch.store, bullJob.id!);
    if (!record) throw new JobQueueError(`job ${bullJob.id} arrived without its own record; it was queued by an incompatible API`);
    let input = record.input;
    if (bullJob.data.files) ({ input, cleanup } = await unpackJobFiles(input, bullJob.data.files, options.blobs));
    const context: JobContext<unknown> = {
      job: { ...record, input, status: 'RUNNING', startedAt: new Date().toISOString(), worker: options.name },
      input,
      async reportProgress(fraction) {
        if (!Number.isFinite(fraction) || fraction < 0 || fraction > 1) {
          throw new JobQueueError(`job ${record.id}: progress must be a number from 0 to 1, got ${fraction}`);
        }
        await bullJob.updateProgress(fraction);
      },
    };
    let output;
    try {
      output = await options.scope.run(scratch.store, () => handler(context));
    } catch (error) {
      // BullMQ keeps the message as the failed reason, which the API stores as the job's error.
      throw new Error(messageOf(error));
    }
    const writes = await scratch.writes();
    const encoded = Object.keys(writes).length > 0 ? await encodeRows(writes, options.blobs) : null;
    return {
      resultKey: output?.resultKey ?? null,
      writes: encoded ? await options.blobs.put(Buffer.from(JSON.stringify(encoded), 'utf8')) : null,
    };
  } finally {
    await cleanup?.();
    await scratch.close();
  }
}

/**
 * A BullMQ worker for every kind in `handlers`. A job whose worker stops renewing its lock (the process died) is
 * taken back within one to two `lockDurationMs` and run by another worker, once; a handler that blocks the event loop
 * longer than half the lock (renewals come every half lock) looks the same, so the lock must be more than twice the
 * longest synchronous stretch of any handler.
 */
export function startBullWorker(options: BullWorkerOptions): Worker<RedisJobData, RedisJobReturn> {
  const worker = new Worker<RedisJobData, RedisJobReturn>(options.queueName, (job) => runJob(job, options), {
    connection: options.connection,
    prefix: options.prefix,
    name: options.name,
    concurrency: options.concurrency,
    lockDuration: options.lockDurationMs,
    // Checked twice as often as locks last, so a dead worker's job waits at most about two lock durations.
    stalledInterval: Math.max(500, Math.round(options.lockDurationMs / 2)),
    maxStalledCount: 1,
    autorun: false,
  });
  worker.on('error', (error) => options.onError(new JobQueueError(`worker ${options.name}: ${error.message}`, { cause: error })));
  worker.run().catch((error: Error) => options.onError(new JobQueueError(`worker ${options.name} stopped: ${error.message}`, { cause: error })));
  return worker;
}
