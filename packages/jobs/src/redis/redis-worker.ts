import { WaitingError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { checkJobInput } from '../job-input-checks';
import { JobQueueError, type JobContext, type JobHandler } from '../job-queue';
import type { BlobStore } from './blob-store';
import type { JobDataScope } from './job-data-scope';
import type { LockKeeper } from './lock-keeper';
import type { JobWrite, RedisJobData, RedisJobReturn } from './redis-job-data';
import { unpackJobFiles } from './job-files';
import { workerJobData } from './worker-job-data';

export interface BullWorkerOptions {
  connection: Redis;
  prefix: string;
  queueName: string;
  /** This process's name (`host:pid`), recorded on each job it takes. */
  name: string;
  handlers: ReadonlyMap<string, JobHandler<unknown>>;
  scope: JobDataScope;
  blobs: BlobStore;
  concurrency: number;
  lockDurationMs: number;
  /** Renews the locks of running jobs from its own thread; without one, only BullMQ's own renewal runs. */
  locks?: LockKeeper;
  /** The jobs this process runs, so a stopping process can hand them back. */
  running: RunningJobRegistry;
  onError: (error: Error) => void;
}

/** The jobs a worker process is running, across its lanes. */
export interface RunningJobs {
  readonly size: number;
  /**
   * Hands every running job back to its queue, at the front, for another worker to take at once (and to resume
   * from what it kept, `keepStored`). Their handlers are left to the exiting process: what they report or keep
   * afterwards is dropped. Resolves once every job is back.
   */
  abandonAll(): Promise<void>;
}

interface RunningJob {
  /** Set once the job was handed back. */
  abandoned: boolean;
  abandon(): void;
  /** Resolves once the job is back in the queue (or settled otherwise). */
  done: Promise<void>;
}

/** {@link RunningJobs} as the worker sees it: where each job comes and goes. */
export interface RunningJobRegistry extends RunningJobs {
  add(id: string, job: RunningJob): void;
  delete(id: string): void;
}

export function createRunningJobs(): RunningJobRegistry {
  const jobs = new Map<string, RunningJob>();
  return {
    get size() {
      return jobs.size;
    },
    add: (id, job) => void jobs.set(id, job),
    delete: (id) => void jobs.delete(id),
    async abandonAll() {
      const list = [...jobs.values()];
      for (const job of list) job.abandon();
      await Promise.all(list.map((job) => job.done));
    },
  };
}

/** Thrown into a job's run when the process hands it back. */
class Abandoned extends Error {}

/** The Redis key the API's `cancel` sets for a job; the worker running it polls it. */
export const cancelKey = (prefix: string, jobId: string): string => `${prefix}:cancelled:${jobId}`;

/** How often a worker asks Redis whether a job it runs was cancelled. */
const CANCEL_POLL_MS = 1000;

const messageOf = (error: unknown): string =>
  error instanceof Error ? error.message || error.name : `job handler threw a non-error value: ${String(error)}`;

/** The values in a blob of {@link JobWrite}s as JSON. */
async function readWrites(blobs: BlobStore, sha256: string): Promise<JobWrite[]> {
  return JSON.parse((await blobs.get(sha256)).toString('utf8')) as JobWrite[];
}

/**
 * Runs one job on what it carries: the handler reads the job's model and weights (`workerJobData`), and every value
 * it writes goes back through Redis as the job's return value, bytes by content key, for the API to store. Values
 * the handler kept (`keepStored`) during an earlier run of the job, on a worker that died or stopped, count as
 * stored for this run and are returned with the rest.
 */
async function runJob(bullJob: Job<RedisJobData>, token: string | undefined, options: BullWorkerOptions): Promise<RedisJobReturn> {
  const handler = options.handlers.get(bullJob.name);
  if (!handler) {
    throw new JobQueueError(`worker ${options.name} has no handler for '${bullJob.name}' jobs (it runs ${[...options.handlers.keys()].join(', ') || 'none'})`);
  }
  const jobId = bullJob.id!;
  const kept = bullJob.data.kept ? await readWrites(options.blobs, bullJob.data.kept) : [];
  const jobData = workerJobData(bullJob.data, kept, options.blobs);
  let cleanup: (() => Promise<void>) | undefined;
  let settled!: () => void;
  let abandon!: () => void;
  const handedBack = new Promise<never>((_, reject) => (abandon = () => reject(new Abandoned())));
  handedBack.catch(() => undefined);
  const running: RunningJob = {
    abandoned: false,
    abandon: () => {
      running.abandoned = true;
      abandon();
    },
    done: new Promise<void>((resolve) => (settled = resolve)),
  };
  options.running.add(jobId, running);
  if (token) options.locks?.hold(bullJob.queueName, jobId, token);
  let work: Promise<unknown> | undefined;
  const controller = new AbortController();
  const cancelled = new Promise<never>((_, reject) => controller.signal.addEventListener('abort', () => reject(new Error(`job ${jobId} was cancelled`)), { once: true }));
  cancelled.catch(() => undefined);
  const poll = setInterval(() => {
    options.connection.exists(cancelKey(options.prefix, jobId)).then(
      (found) => (found > 0 ? controller.abort() : undefined),
      () => undefined,
    );
  }, CANCEL_POLL_MS);
  poll.unref();
  try {
    const record = bullJob.data.job;
    if (record?.id !== jobId) throw new JobQueueError(`job ${jobId} arrived without its own record; it was queued by an incompatible API`);
    // Whatever arrives over Redis is checked against its kind before the handler sees it.
    let input = checkJobInput(bullJob.name, record.input);
    if (bullJob.data.files) ({ input, cleanup } = await unpackJobFiles(input, bullJob.data.files, options.blobs));
    const context: JobContext<unknown> = {
      job: { ...record, input, status: 'RUNNING', startedAt: new Date().toISOString(), worker: options.name },
      input,
      signal: controller.signal,
      async reportProgress(fraction) {
        if (!Number.isFinite(fraction) || fraction < 0 || fraction > 1) {
          throw new JobQueueError(`job ${record.id}: progress must be a number from 0 to 1, got ${fraction}`);
        }
        // A handed-back job belongs to its next worker.
        if (!running.abandoned) await bullJob.updateProgress(fraction);
      },
      async keepStored() {
        const writes = jobData.writes();
        if (running.abandoned || writes.length === 0) return;
        const blob = await options.blobs.put(Buffer.from(JSON.stringify(writes), 'utf8'));
        if (!running.abandoned) await bullJob.updateData({ ...bullJob.data, kept: blob });
      },
    };
    let output;
    try {
      work = options.scope.run(jobData.data, () => handler(context));
      // Once handed back the handler runs on unobserved until the process exits; its failure is nobody's.
      work.catch(() => undefined);
      output = await Promise.race([work, handedBack, cancelled]);
    } catch (error) {
      if (error instanceof Abandoned) {
        // Back at the front of the queue: another worker takes it now, not once the lock expires.
        if (token) await bullJob.moveToWait(token);
        throw new WaitingError(`job ${jobId} handed back by stopping worker ${options.name}`);
      }
      // BullMQ keeps the message as the failed reason, which the API stores as the job's error.
      throw new Error(messageOf(error));
    }
    const writes = jobData.writes();
    return {
      resultKey: (output as { resultKey?: string } | void)?.resultKey ?? null,
      writes: writes.length > 0 ? await options.blobs.put(Buffer.from(JSON.stringify(writes), 'utf8')) : null,
    };
  } finally {
    clearInterval(poll);
    options.running.delete(jobId);
    if (token) options.locks?.release(jobId, token);
    settled();
    await cleanup?.();
  }
}

/**
 * A BullMQ worker for every kind in `handlers`. A job whose worker stops renewing its lock (the process died) is
 * taken back within one and a quarter `lockDurationMs` and run by another worker, once. Locks are renewed
 * from the lock keeper's thread as well as by BullMQ, so a handler that blocks the event loop does not lose its
 * job however long it computes.
 */
export function startBullWorker(options: BullWorkerOptions): Worker<RedisJobData, RedisJobReturn> {
  const worker = new Worker<RedisJobData, RedisJobReturn>(options.queueName, (job, token) => runJob(job, token, options), {
    connection: options.connection,
    prefix: options.prefix,
    name: options.name,
    concurrency: options.concurrency,
    lockDuration: options.lockDurationMs,
    // A dead worker's job is found at the first check after its lock lapsed that follows the check which marked
    // it: at most a lock and one interval after the death. Live locks are renewed every third of a lock, so
    // frequent checks cost one small script each and never take a live job.
    stalledInterval: Math.max(500, Math.round(options.lockDurationMs / 4)),
    maxStalledCount: 1,
    autorun: false,
  });
  worker.on('error', (error) => options.onError(new JobQueueError(`worker ${options.name}: ${error.message}`, { cause: error })));
  worker.run().catch((error: Error) => {
    // Once close() has begun, a connection closing under the run loop is the shutdown itself, not a failure.
    if (worker.closing) return;
    options.onError(new JobQueueError(`worker ${options.name} stopped: ${error.message}`, { cause: error }));
  });
  return worker;
}
