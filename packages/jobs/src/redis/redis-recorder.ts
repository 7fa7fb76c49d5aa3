import {
  finishJob,
  getJob,
  listJobs,
  setJobProgress,
  setJobWorker,
  startJob,
  type JobId,
  type JobOutcome,
  type JobRecord,
  type ResultKey,
  type Store,
} from '@branchscope/store';
import { Job, type Queue, type QueueEvents } from 'bullmq';
import { isFinished, JobQueueError, type JobEvent } from '../job-queue';
import type { JobWaiters } from '../job-waiters';
import type { BlobStore } from './blob-store';
import { removeStagedUpload } from './job-files';
import type { JobWrite, RedisJobReturn } from './redis-job-data';
import { applyJobWrites } from './apply-job-writes';

export interface RecorderDeps {
  store: Store;
  /** The BullMQ queue a job is in: its kind's lane, or that lane's queue of the backend it is pinned to. */
  queueOf: (job: JobRecord) => Queue;
  blobs: BlobStore;
  waiters: JobWaiters;
  emit: (type: JobEvent['type'], job: JobRecord) => void;
  /** Puts a job of the store (back) into Redis. */
  add: (job: JobRecord) => Promise<void>;
  onError: (error: Error) => void;
}

export interface Recorder {
  /** Mirrors every event of `events` into the store, one at a time and in order. */
  listen(events: QueueEvents): void;
  /** Brings jobs left QUEUED or RUNNING in the store up to date with Redis (after this process was down). */
  reconcile(): Promise<void>;
  /** Resolves once every event received so far is recorded. */
  idle(): Promise<void>;
}

/**
 * The API side of the Redis queue: the store stays the record of every job, so the API lists and serves jobs the
 * same way in both modes. Workers only talk to Redis; this turns their events into store writes, and on
 * completion stores the values the worker wrote (results, artifacts, imported models) before marking the job done.
 */
export function createRecorder(deps: RecorderDeps): Recorder {
  const { store } = deps;
  let chain = Promise.resolve();
  const serial = (what: string, jobId: string, work: () => Promise<void>): Promise<void> => {
    chain = chain.then(work).catch((error: Error) => deps.onError(new JobQueueError(`recording ${what} of job ${jobId}: ${error.message}`, { cause: error })));
    return chain;
  };
  /** The job if this store records it and it has not ended; other APIs may share the Redis queue. */
  const openJob = async (jobId: string): Promise<JobRecord | undefined> => {
    const job = await getJob(store, jobId);
    return job && !isFinished(job) ? job : undefined;
  };

  /** Records which worker took the job, as BullMQ knows it. */
  const recordWorker = async (job: JobRecord): Promise<void> => {
    const worker = (await Job.fromId(deps.queueOf(job), job.id))?.processedBy;
    if (worker) await setJobWorker(store, job.id as JobId, worker);
  };

  const onActive = async (jobId: string): Promise<void> => {
    const job = await openJob(jobId);
    if (!job) return;
    await startJob(store, job.id);
    await recordWorker(job);
    deps.emit('started', (await getJob(store, jobId))!);
  };

  const onProgress = async (jobId: string, data: unknown): Promise<void> => {
    const job = await openJob(jobId);
    if (!job) return;
    if (typeof data !== 'number' || !(data >= 0 && data <= 1)) throw new JobQueueError(`progress must be a number from 0 to 1, got ${JSON.stringify(data)}`);
    // The progress event can overtake nothing, but an API restarted mid-job never saw 'active'.
    if (job.status === 'QUEUED') await startJob(store, job.id);
    await setJobProgress(store, job.id, data);
    deps.emit('progress', (await getJob(store, jobId))!);
  };

  const finish = async (jobId: string, outcome: JobOutcome): Promise<void> => {
    const finished = await finishJob(store, jobId as JobId, outcome);
    await removeStagedUpload(finished).catch((error: Error) => deps.onError(new JobQueueError(`job ${jobId}: cannot remove its staged upload: ${error.message}`)));
    deps.emit('finished', finished);
    deps.waiters.settle(finished);
  };

  const onCompleted = async (jobId: string, value: unknown): Promise<void> => {
    const open = await openJob(jobId);
    if (!open) return;
    // A quick job's 'completed' can be handled before its 'active' has recorded the worker.
    if (!open.worker) await recordWorker(open);
    const returned = (value ?? {}) as Partial<RedisJobReturn>;
    try {
      if (returned.writes) {
        const writes = JSON.parse((await deps.blobs.get(returned.writes)).toString('utf8')) as JobWrite[];
        await applyJobWrites(store, writes, deps.blobs);
      }
    } catch (error) {
      await finish(jobId, { status: 'FAILED', error: `the worker finished, but its results could not be stored: ${(error as Error).message}` });
      return;
    }
    await finish(jobId, { status: 'SUCCEEDED', resultKey: (returned.resultKey ?? null) as ResultKey | null });
  };

  const onFailed = async (jobId: string, reason: string | undefined): Promise<void> => {
    if (!(await openJob(jobId))) return;
    await finish(jobId, { status: 'FAILED', error: reason || 'the worker failed the job without a reason' });
  };

  const reconcileOne = async (job: JobRecord): Promise<void> => {
    const bull = await Job.fromId(deps.queueOf(job), job.id);
    if (!bull) return deps.add(job);
    const state = await bull.getState();
    if (state === 'completed') return onCompleted(job.id, bull.returnvalue);
    if (state === 'failed') return onFailed(job.id, bull.failedReason);
    if (state === 'active') return onActive(job.id);
  };

  return {
    listen(events) {
      events.on('active', ({ jobId }) => void serial('the start', jobId, () => onActive(jobId)));
      events.on('progress', ({ jobId, data }) => void serial('progress', jobId, () => onProgress(jobId, data)));
      events.on('completed', ({ jobId, returnvalue }) => void serial('the completion', jobId, () => onCompleted(jobId, returnvalue)));
      events.on('failed', ({ jobId, failedReason }) => void serial('the failure', jobId, () => onFailed(jobId, failedReason)));
    },
    async reconcile() {
      const open = [...(await listJobs(store, { status: 'RUNNING', order: 'oldest' })), ...(await listJobs(store, { status: 'QUEUED', order: 'oldest' }))];
      await Promise.all(open.map((job) => serial('the state', job.id, () => reconcileOne(job))));
    },
    idle: () => chain,
  };
}
