import {
  failRunningJobs,
  finishJob,
  getJob,
  insertJob,
  listJobs,
  noteQueuedJob,
  setJobProgress,
  setJobWorker,
  startJob,
  type JobId,
  type JobOutcome,
  type JobRecord,
  type Store,
} from '@branchscope/store';
import {
  DEFAULT_CANCEL_REASON,
  isFinished,
  JobQueueError,
  type JobContext,
  type JobEvent,
  type JobHandler,
  type JobListener,
  type JobQueue,
  type ProcessOptions,
} from './job-queue';
import { checkJobInput } from './job-input-checks';
import type { JobKinds, KindMap, KindOf } from './job-kinds';
import { requiredBackend, waitingForBackend } from './job-routing';
import { JobWaiters } from './job-waiters';
import { laneOf, type JobLane } from './kinds/lanes';
import { laneConcurrency, type LaneConcurrency } from './lane-concurrency';
import { processName } from './process-name';
import { waitForJob } from './wait-for-job';

export interface InProcessQueueOptions {
  store: Store;
  /**
   * How many jobs run at once in each lane (`laneOf(kind)`): a number for every lane or one per lane, 1 by default.
   * Lanes are independent, so a quick job never waits behind a render; handlers share one event loop, so a
   * long handler must yield between steps for the others to make progress.
   */
  concurrency?: LaneConcurrency;
  /**
   * Mark jobs left RUNNING in the store as FAILED when the queue starts (their process stopped). On by default;
   * turn it off only when another live process runs jobs against the same file.
   */
  recoverInterrupted?: boolean;
  /** Where queue-level errors (a store write that failed) are reported; console.error by default. */
  onError?: (error: Error) => void;
}

const INTERRUPTED = 'interrupted: the process running this job stopped before it finished; ask again to rerun it';

/** Turns whatever a handler threw into the message stored on its job. */
const messageOf = (error: unknown): string =>
  error instanceof Error ? error.message || error.name : `job handler threw a non-error value: ${String(error)}`;

/**
 * A {@link JobQueue} that runs handlers in this process and records every job in the store, so jobs and their
 * errors outlive the process. Jobs queued by an earlier process are picked up when their kind's handler registers.
 * Each lane runs its jobs oldest first, `concurrency` at a time, beside the other lanes.
 */
export function createInProcessQueue<M extends KindMap = JobKinds>(options: InProcessQueueOptions): JobQueue<M> {
  const { store } = options;
  const concurrency = laneConcurrency(options.concurrency);
  const onError = options.onError ?? ((error: Error) => console.error(`[jobs] ${error.message}`));
  const handlers = new Map<string, { run: JobHandler<unknown>; backend?: string }>();
  /** Queued jobs, oldest first, with the backend each is pinned to (null: any). */
  const pending: { id: JobId; kind: string; backend: string | null }[] = [];
  /** Pinned jobs already noted as waiting for a backend no handler runs on. */
  const noted = new Set<JobId>();
  const running = new Set<Promise<void>>();
  const busy = new Map<JobLane, number>();
  // Store reads started outside any job (loading queued jobs); close() waits for them before the store can close.
  const background = new Set<Promise<void>>();
  const waiters = new JobWaiters();
  const listeners = new Set<JobListener>();
  /** The abort controllers of running jobs, by id: `cancel` fires them. */
  const controllers = new Map<JobId, AbortController>();
  let closed = false;

  /** Why the start failed (the recovery of interrupted jobs could not write to the store), once it has. */
  let startError: string | undefined;
  const ready: Promise<void> =
    options.recoverInterrupted === false ? Promise.resolve() : failRunningJobs(store, 'all', INTERRUPTED).then(() => undefined);
  ready.catch((error: unknown) => (startError = messageOf(error)));

  const emit = (type: JobEvent['type'], job: JobRecord): void => {
    for (const listener of listeners) {
      try {
        listener({ type, job });
      } catch (error) {
        onError(new JobQueueError(`a job listener threw on '${type}' of job ${job.id}: ${messageOf(error)}`));
      }
    }
  };

  const schedule = (id: JobId, kind: string, backend: string | null): void => {
    if (!pending.some((entry) => entry.id === id)) pending.push({ id, kind, backend });
    pump();
  };

  /** Whether a registered handler can run this job: it runs the kind, on the backend the job is pinned to if any. */
  const runnable = (entry: (typeof pending)[number]): boolean => {
    const handler = handlers.get(entry.kind);
    return handler !== undefined && (entry.backend === null || entry.backend === handler.backend);
  };

  /** Records on each pinned job no handler can take why it waits, once. */
  const noteWaiting = (): void => {
    for (const entry of pending) {
      const handler = handlers.get(entry.kind);
      if (!handler || runnable(entry) || noted.has(entry.id)) continue;
      noted.add(entry.id);
      const note = noteQueuedJob(store, entry.id, waitingForBackend(entry.backend!, handler.backend ? [handler.backend] : [])).then(
        () => undefined,
        (error: Error) => onError(new JobQueueError(`job ${entry.id}: cannot note why it waits: ${error.message}`)),
      );
      background.add(note);
      void note.finally(() => background.delete(note));
    }
  };

  /** Starts the oldest runnable job of every lane with room, until no lane has both room and a job. */
  const pump = (): void => {
    const hasRoom = (lane: JobLane) => (busy.get(lane) ?? 0) < concurrency[lane];
    while (!closed) {
      const index = pending.findIndex((entry) => runnable(entry) && hasRoom(laneOf(entry.kind)));
      if (index < 0) return noteWaiting();
      const [entry] = pending.splice(index, 1);
      const lane = laneOf(entry!.kind);
      const run = execute(entry!.id, handlers.get(entry!.kind)!.run).catch((error: Error) => {
        onError(new JobQueueError(`job ${entry!.id}: ${error.message}`, { cause: error }));
        waiters.fail(new JobQueueError(`job ${entry!.id} could not be recorded: ${error.message}`), entry!.id);
      });
      busy.set(lane, (busy.get(lane) ?? 0) + 1);
      running.add(run);
      void run.finally(() => {
        busy.set(lane, busy.get(lane)! - 1);
        running.delete(run);
        pump();
      });
    }
  };

  const execute = async (id: JobId, handler: JobHandler<unknown>): Promise<void> => {
    // Registered before the first await, so a cancel arriving while the job starts still reaches it.
    const controller = new AbortController();
    controllers.set(id, controller);
    // Another process (or a duplicate schedule) may already have taken it, or it was cancelled meanwhile.
    if (!(await startJob(store, id))) return void controllers.delete(id);
    await setJobWorker(store, id, processName());
    const job = (await getJob(store, id))!;
    if (controller.signal.aborted) return void controllers.delete(id);
    emit('started', job);
    let input: unknown;
    try {
      input = checkJobInput(job.kind, job.input);
    } catch (error) {
      controllers.delete(id);
      const failed = await finishJob(store, id, { status: 'FAILED', error: messageOf(error) });
      emit('finished', failed);
      waiters.settle(failed);
      return;
    }
    const context: JobContext<unknown> = {
      job,
      input,
      signal: controller.signal,
      reportProgress: async (fraction) => {
        await setJobProgress(store, id, fraction);
        if (!controller.signal.aborted) emit('progress', (await getJob(store, id))!);
      },
    };
    let outcome: JobOutcome;
    try {
      const output = await handler(context);
      outcome = { status: 'SUCCEEDED', resultKey: output?.resultKey ?? null };
    } catch (error) {
      outcome = { status: 'FAILED', error: messageOf(error) };
    } finally {
      controllers.delete(id);
    }
    // A cancelled job was finished (and announced) by cancel(); what its handler did afterwards is dropped.
    if (controller.signal.aborted) return;
    const finished = await finishJob(store, id, outcome);
    emit('finished', finished);
    waiters.settle(finished);
  };

  const pickUpQueued = async (kind: string): Promise<void> => {
    await ready;
    if (closed) return;
    for (const job of await listJobs(store, { status: 'QUEUED', kind, order: 'oldest' })) schedule(job.id, kind, requiredBackend(kind, job.input));
  };

  return {
    async enqueue<K extends KindOf<M>>(kind: K, input: M[K]['input'], enqueueOptions: { dedupeKey?: string } = {}) {
      if (closed) throw new JobQueueError(`cannot enqueue a '${kind}' job: the queue is closed`);
      checkJobInput(kind, input);
      await ready;
      const { job, created } = await insertJob(store, { kind, input, dedupeKey: enqueueOptions.dedupeKey });
      if (created) {
        emit('queued', job);
        schedule(job.id, kind, requiredBackend(kind, input));
      }
      return job;
    },

    process<K extends KindOf<M>>(kind: K, handler: JobHandler<M[K]['input']>, processOptions: ProcessOptions = {}) {
      if (handlers.has(kind)) throw new JobQueueError(`a handler for '${kind}' jobs is already registered`);
      handlers.set(kind, { run: handler as JobHandler<unknown>, ...(processOptions.backend ? { backend: processOptions.backend } : {}) });
      const load = pickUpQueued(kind).catch((error: Error) =>
        onError(new JobQueueError(`cannot load queued '${kind}' jobs: ${error.message}`)),
      );
      background.add(load);
      void load.finally(() => background.delete(load));
    },

    async waitFor(jobId: string, waitOptions = {}) {
      await ready;
      return waitForJob(store, waiters, jobId, waitOptions);
    },

    async cancel(jobId: string, reason = DEFAULT_CANCEL_REASON) {
      await ready;
      const job = await getJob(store, jobId);
      if (!job) throw new JobQueueError(`cannot cancel job '${jobId}': no such job`);
      if (isFinished(job)) return job;
      const index = pending.findIndex((entry) => entry.id === job.id);
      if (index >= 0) pending.splice(index, 1);
      const cancelled = await finishJob(store, job.id, { status: 'CANCELLED', error: reason });
      // Fired after the record is written, so the handler's own ending can never overwrite it.
      controllers.get(job.id)?.abort(new JobQueueError(`job ${job.id} ${reason}`));
      if (cancelled.status === 'CANCELLED') {
        emit('finished', cancelled);
        waiters.settle(cancelled);
      }
      return cancelled;
    },

    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    health() {
      if (closed) return { ok: false, reason: 'the job queue is closed' };
      if (startError !== undefined) return { ok: false, reason: `the job queue could not start: ${startError}` };
      return { ok: true };
    },

    async close() {
      closed = true;
      // The recovery of interrupted jobs writes to the store too; it must end before the store may close.
      await Promise.allSettled([ready, ...background, ...running]);
      waiters.fail(new JobQueueError('the job queue closed before the job finished'));
    },
  };
}
