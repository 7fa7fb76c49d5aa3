import type { JobId, JobRecord, ResultKey } from '@branchscope/store';
import type { JobKinds, KindMap, KindOf } from './job-kinds';

/**
 * The seam between whoever asks for heavy work (the API) and whoever does it (workers). Two adapters fit it:
 * `createInProcessQueue` (handlers run in the calling process, jobs persisted in the store) and `createRedisQueue`
 * (BullMQ on Redis: the API's queue records jobs in its store and mirrors worker events into it; workers on any
 * machine run the handlers and send back what they wrote).
 * Callers must not rely on anything beyond this interface. Kinds, inputs and handlers are typed from `M`, the
 * product's {@link JobKinds} by default: a kind it does not list, or an input of the wrong shape, does not compile.
 */
export interface JobQueue<M extends KindMap = JobKinds> {
  /**
   * Records a QUEUED job and schedules it. With a `dedupeKey`, a queued or running job with the same key is
   * returned instead, so concurrent identical requests share one job. An input that does not fit its kind (built
   * around the types) is refused with a `JobInputError` naming the field.
   */
  enqueue<K extends KindOf<M>>(kind: K, input: M[K]['input'], options?: EnqueueOptions): Promise<JobRecord<M[K]['input']>>;
  /**
   * Runs `handler` for every job of `kind`, including jobs already queued in the store. One handler per kind. Each
   * input is checked against its kind before the handler sees it (a job whose input does not fit fails naming the
   * field).
   */
  process<K extends KindOf<M>>(kind: K, handler: JobHandler<M[K]['input']>, options?: ProcessOptions): void;
  /**
   * Resolves with the job's record once it has SUCCEEDED or FAILED (a failure resolves too: read `status`).
   * Rejects with a `JobQueueError` for an unknown id, on timeout, or when the queue closes first.
   */
  waitFor(jobId: string, options?: WaitOptions): Promise<JobRecord>;
  /**
   * Cancels a queued or running job: records it CANCELLED (with `reason`, or a default, as its error), so waiters
   * resolve at once, and fires its handler's `signal`, so the work stops. A job that already finished is returned
   * as it is. Rejects with a `JobQueueError` for an unknown id.
   */
  cancel(jobId: string, reason?: string): Promise<JobRecord>;
  /** Calls `listener` on every state or progress change of any job; returns the unsubscribe function. */
  subscribe(listener: JobListener): () => void;
  /** Stops starting jobs and waits for the running ones; queued jobs stay in the store for the next start. */
  close(): Promise<void>;
  /**
   * Whether the queue can take jobs now, with the reason when it cannot (closed, Redis unreachable). Cheap and
   * synchronous: no I/O, so `/health` may ask it on every probe.
   */
  health(): QueueHealth;
}

/** What {@link JobQueue.health} answers. */
export type QueueHealth = { ok: true } | { ok: false; reason: string };

/** How a handler is registered (`process`). */
export interface ProcessOptions {
  /**
   * The backend this process runs the kind's jobs on (a render worker's `renderBackendLabel`): it takes the jobs
   * pinned to that backend and those pinned to none (`requiredBackend`). Without it, only jobs pinned to none: a job
   * pinned to a backend no handler runs on stays QUEUED, noted with why (see `noteQueuedJob`).
   */
  backend?: string;
}

export interface EnqueueOptions {
  dedupeKey?: string;
}

export interface WaitOptions {
  /** Give up after this many milliseconds; no limit by default. */
  timeoutMs?: number;
}

/** What a handler sees of its job. */
export interface JobContext<I> {
  readonly job: JobRecord<I>;
  readonly input: I;
  /** Records progress, a fraction from 0 to 1, and tells subscribers. */
  reportProgress(fraction: number): Promise<void>;
  /**
   * Keeps what the handler has stored so far should this run not finish: a job taken over after its worker died
   * or stopped starts again with those rows already in its store, so a handler that skips what is stored resumes
   * instead of starting from zero. Absent where the store is written directly (the in-process queue), where
   * every write is kept anyway.
   */
  keepStored?(): Promise<void>;
  /**
   * Fires when the job is cancelled (`JobQueue.cancel`): a handler passes it to long loops (a render's `signal`) or
   * checks it between steps, and stops. Whatever it returns afterwards is dropped. Absent only in contexts built by
   * hand (tests).
   */
  readonly signal?: AbortSignal;
}

/** What a handler returns: where it stored its result, if it stored one. */
export interface JobOutput {
  resultKey?: ResultKey;
}

/** Does one job. A thrown error fails the job with the error's message; the queue keeps running. */
export type JobHandler<I> = (context: JobContext<I>) => Promise<JobOutput | void>;

export type JobEventType = 'queued' | 'started' | 'progress' | 'finished';

export interface JobEvent {
  type: JobEventType;
  job: JobRecord;
}

export type JobListener = (event: JobEvent) => void;

/** A queue-level failure (not a job's own failure, which is recorded on the job). */
export class JobQueueError extends Error {
  override readonly name = 'JobQueueError';
}

/** Whether a job has ended: SUCCEEDED, FAILED or CANCELLED. */
export const isFinished = (job: JobRecord): boolean => job.status === 'SUCCEEDED' || job.status === 'FAILED' || job.status === 'CANCELLED';

/** The error recorded on a job cancelled without a reason. */
export const DEFAULT_CANCEL_REASON = 'cancelled';

export type { JobId, JobRecord };
