import { finishJob, getJob, insertJob, listJobs, noteQueuedJob, type JobRecord, type Store } from '@branchscope/store';
import { Queue, QueueEvents, type Worker } from 'bullmq';
import { DEFAULT_CANCEL_REASON, isFinished, JobQueueError, type JobEvent, type JobHandler, type JobListener, type JobQueue, type ProcessOptions } from '../job-queue';
import { backendOfCapability, isPinnable, renderCapability, requiredBackend, waitingForBackend } from '../job-routing';
import { checkJobInput } from '../job-input-checks';
import type { JobKinds, KindMap, KindOf } from '../job-kinds';
import { JobWaiters } from '../job-waiters';
import { JOB_LANES, laneOf, type JobLane } from '../kinds/lanes';
import { laneConcurrency, type LaneConcurrency } from '../lane-concurrency';
import { processName } from '../process-name';
import { waitForJob } from '../wait-for-job';
import { redisBlobStore } from './blob-store';
import type { JobData } from '../handler-data/job-data';
import { createJobDataScope } from './job-data-scope';
import { removeStagedUpload } from './job-files';
import { packJobData } from './job-inputs';
import { closeRedis, openRedis, redactRedisUrl, whenConnected } from './redis-connection';
import { KEEP_FINISHED_SECONDS, type RedisJobData } from './redis-job-data';
import { createRecorder, type Recorder } from './redis-recorder';
import { startLockKeeper, type LockKeeper } from './lock-keeper';
import { cancelKey, createRunningJobs, startBullWorker } from './redis-worker';
import { announceWorker, listWorkers, type WorkerAnnouncement } from './worker-registry';

export interface RedisQueueOptions {
  /** `redis://[user:password@]host:port[/db]`, or `rediss://` for TLS. */
  url: string;
  /** Prefix of every key in Redis; deployments sharing one Redis use different prefixes. `branchscope` by default. */
  prefix?: string;
  /**
   * The store that records the jobs (the API's). Without one, the queue only runs the handlers registered on it:
   * a standalone worker, which never needs the database file.
   */
  store?: Store;
  /** How many jobs this process runs at once in each lane (a number for every lane, or one per lane); 1 by default. */
  concurrency?: LaneConcurrency;
  /**
   * How long a worker's claim on a job lasts without renewal before another worker may take it; {@link
   * DEFAULT_LOCK_MS} by default. Claims are renewed from a thread of their own while the process lives, however
   * long a handler computes, so this only sets how soon a dead worker's job is taken over (within one and a
   * quarter locks).
   */
  lockDurationMs?: number;
  /**
   * How long `close()` lets running jobs finish before handing them back to the queue, where another worker takes
   * them at once and resumes from what they kept (`keepStored`); by default it waits for them however long.
   */
  stopGraceMs?: number;
  /** How long blobs (weights read, results written) stay in Redis after their last use; 7 days by default. */
  blobTtlSeconds?: number;
  /** How long `ready()` waits for Redis; 10 s by default. */
  connectTimeoutMs?: number;
  /** This process's name on the jobs it runs; `host:pid` by default. */
  workerName?: string;
  /** Where queue-level errors (a lost connection, a result that could not be stored) go; console.error by default. */
  onError?: (error: Error) => void;
}

/** A {@link JobQueue} on Redis, with what a worker process needs besides. */
export interface RedisJobQueue<M extends KindMap = JobKinds> extends JobQueue<M> {
  /**
   * What to build handlers with (`registerHandlers(queue, { data: queue.jobData })`): inside each job it reads the
   * model and stored weights the job carries, and collects the values the handler writes (results, artifacts, an
   * imported model), which go back to the API to store when the job completes. No database rows travel.
   */
  readonly jobData: JobData;
  /** Resolves once Redis is reached (and, with a store, jobs left open are reconciled); rejects naming the URL. */
  ready(): Promise<void>;
  /**
   * Announces this process in Redis as a worker running jobs on `backend`, with its capabilities (`render:<backend>`
   * for each backend its handlers were registered with, and the kinds it runs), renewed every 15 s until `close()`,
   * so the API can count workers by backend and pick the backend of renders that name none (`workers()`). Call
   * once, after registering the handlers.
   */
  announce(info: { backend: string }): void;
  /** The workers announced under this prefix and heard from in the last 45 s; rejects when Redis is not connected. */
  workers(): Promise<WorkerAnnouncement[]>;
}

/** How long a silent worker keeps a job claimed, by default: its job is taken over at most 6.25 s after it died. */
export const DEFAULT_LOCK_MS = 5000;

/**
 * One BullMQ queue per lane, so a worker's quick jobs never wait behind its renders, and beside it one per lane and
 * backend for jobs pinned to a backend (`jobs-render@ort+wasm`), which only workers rendering on it take.
 */
const queueName = (lane: JobLane, backend: string | null = null): string => (backend === null ? `jobs-${lane}` : `jobs-${lane}@${backend}`);

/** The queue a job goes to: its kind's lane, and the backend it is pinned to, if any. */
const queueNameOf = (job: Pick<JobRecord, 'kind' | 'input'>): string => queueName(laneOf(job.kind), requiredBackend(job.kind, job.input));

/**
 * The distributed {@link JobQueue}: BullMQ on Redis. The API's queue (with `store`) records every job in its store
 * first (deduplicated there by `dedupeKey`, so one BullMQ job per store job, with the store's id as the BullMQ
 * id), then adds it to Redis with the rows the handler reads. Workers anywhere (`process`, no store) run the
 * handlers and return what they wrote; the API's queue stores it and finishes the job. Jobs keep running while
 * the API is down; at its next start it collects what finished. Each lane (`laneOf(kind)`) is its own BullMQ
 * queue with its own workers, so jobs of one lane never wait behind another's.
 */
export function createRedisQueue<M extends KindMap = JobKinds>(options: RedisQueueOptions): RedisJobQueue<M> {
  const { store, url } = options;
  const prefix = options.prefix ?? 'branchscope';
  const concurrency = laneConcurrency(options.concurrency);
  const lockDurationMs = options.lockDurationMs ?? DEFAULT_LOCK_MS;
  if (!Number.isInteger(lockDurationMs) || lockDurationMs < 1000) throw new JobQueueError(`lockDurationMs must be an integer of at least 1000, got ${lockDurationMs}`);
  const onError = options.onError ?? ((error: Error) => console.error(`[jobs] ${error.message}`));
  const name = options.workerName ?? processName();
  const redis = openRedis(url, onError);
  const blobs = redisBlobStore(redis, prefix, options.blobTtlSeconds ?? KEEP_FINISHED_SECONDS);
  const queues = new Map<string, Queue<RedisJobData>>();
  const queueNamed = (name: string): Queue<RedisJobData> => {
    let queue = queues.get(name);
    if (!queue) queues.set(name, (queue = new Queue<RedisJobData>(name, { connection: redis, prefix })));
    return queue;
  };
  const queueOf = (job: Pick<JobRecord, 'kind' | 'input'>): Queue<RedisJobData> => queueNamed(queueNameOf(job));
  const scope = createJobDataScope();
  const handlers = new Map<string, JobHandler<unknown>>();
  const waiters = new JobWaiters();
  const listeners = new Set<JobListener>();
  /** The API's listeners to each queue's events, by queue name, once connected. */
  const events = new Map<string, Promise<QueueEvents>>();
  let recorder: Recorder | undefined;
  let announcement: { stop(): Promise<void> } | undefined;
  /** The last connection error since Redis was last ready, and why the start failed, for `health()`. */
  let lastRedisError: string | undefined;
  let startError: string | undefined;
  redis.on('error', (error: Error) => (lastRedisError = error.message));
  redis.on('ready', () => (lastRedisError = undefined));
  /** A BullMQ worker per queue this process takes jobs from (its lanes, and their pinned queues), started once Redis answers. */
  const workers = new Map<string, Promise<Worker | undefined>>();
  /** The backends this process runs pinnable kinds on (`process(kind, handler, { backend })`). */
  const backends = new Set<string>();
  let closed = false;
  /** The jobs this process runs, and the thread renewing their locks (started with the first worker). */
  const running = createRunningJobs();
  let locks: LockKeeper | undefined;

  const emit = (type: JobEvent['type'], job: JobRecord): void => {
    for (const listener of listeners) {
      try {
        listener({ type, job });
      } catch (error) {
        onError(new JobQueueError(`a job listener threw on '${type}' of job ${job.id}: ${(error as Error).message}`));
      }
    }
  };

  /**
   * Follows the events of queue `name` into the store (the API's queue), once per queue. It reads the events stream
   * from its last entry as the listener is made: BullMQ's default ('$', "from when my read starts") would lose what
   * happens between connecting and the first read (a job added at once and taken at once lost its 'active', and so
   * its worker), and what passes while a read that timed out is issued again.
   */
  const listenTo = (name: string): Promise<QueueEvents> => {
    let listening = events.get(name);
    if (!listening) {
      listening = (async () => {
        const [last] = await redis.xrevrange(`${prefix}:${name}:events`, '+', '-', 'COUNT', 1);
        const queueEvents = new QueueEvents(name, { connection: redis, prefix, lastEventId: last?.[0] ?? '0-0' });
        recorder!.listen(queueEvents);
        queueEvents.on('error', (error) => onError(new JobQueueError(`queue events (${name}): ${error.message}`, { cause: error })));
        await queueEvents.waitUntilReady();
        return queueEvents;
      })();
      events.set(name, listening);
    }
    return listening;
  };

  /** Notes on a pinned job why it waits when no live worker renders on its backend (it starts once one does). */
  const noteIfNobodyServes = async (job: JobRecord): Promise<void> => {
    const backend = requiredBackend(job.kind, job.input);
    if (backend === null) return;
    const live = await listWorkers(redis, prefix);
    const rendering = live.flatMap((worker) => worker.capabilities.map(backendOfCapability).filter((b): b is string => b !== undefined));
    if (!rendering.includes(backend)) await noteQueuedJob(store!, job.id, waitingForBackend(backend, rendering));
  };

  const add = async (job: JobRecord): Promise<void> => {
    const data = await packJobData(store!, job, blobs);
    // Listening before the job is in the queue, so its completion cannot pass unheard.
    await listenTo(queueNameOf(job));
    await queueOf(job).add(job.kind, data, {
      jobId: job.id,
      removeOnComplete: { age: KEEP_FINISHED_SECONDS },
      removeOnFail: { age: KEEP_FINISHED_SECONDS },
    });
  };

  const connected = whenConnected(redis, url, options.connectTimeoutMs ?? 10_000);
  const started: Promise<void> = connected.then(async () => {
    if (!store || closed) return;
    const active = createRecorder({ store, queueOf, blobs, waiters, emit, add, onError });
    recorder = active;
    // Every lane's queue, and the pinned queues of jobs left open, whose completion may still come.
    const open = [...(await listJobs(store, { status: 'QUEUED' })), ...(await listJobs(store, { status: 'RUNNING' }))];
    await Promise.all([...new Set([...JOB_LANES.map((lane) => queueName(lane)), ...open.map(queueNameOf)])].map(listenTo));
    await active.reconcile();
  });
  // Callers learn of a failed start from ready() or their next call; this keeps it from going unhandled.
  started.catch((error: Error) => (startError = error.message));

  const needStore = (what: string): Store => {
    if (!store) throw new JobQueueError(`cannot ${what}: this Redis queue has no store (workers run jobs; the API, which owns the store, enqueues and follows them)`);
    return store;
  };

  return {
    jobData: scope.data,
    ready: () => started,

    announce(info) {
      if (announcement || closed) return;
      announcement = announceWorker(
        redis,
        prefix,
        () => ({
          name,
          backend: info.backend,
          lanes: JOB_LANES.filter((lane) => workers.has(queueName(lane))),
          capabilities: [...[...backends].sort().map(renderCapability), ...handlers.keys()],
        }),
        onError,
      );
    },

    workers: () => listWorkers(redis, prefix),

    health() {
      if (closed) return { ok: false, reason: 'the job queue is closed' };
      if (startError !== undefined) return { ok: false, reason: startError };
      if (redis.status !== 'ready') {
        const why = lastRedisError ? `: ${lastRedisError}` : '';
        return { ok: false, reason: `Redis at ${redactRedisUrl(url)} is ${redis.status}${why}` };
      }
      return { ok: true };
    },

    async enqueue<K extends KindOf<M>>(kind: K, input: M[K]['input'], enqueueOptions: { dedupeKey?: string } = {}) {
      const recording = needStore(`enqueue a '${kind}' job`);
      if (closed) throw new JobQueueError(`cannot enqueue a '${kind}' job: the queue is closed`);
      checkJobInput(kind, input);
      await started;
      const { job, created } = await insertJob(recording, { kind, input, dedupeKey: enqueueOptions.dedupeKey });
      if (!created) return job;
      try {
        await add(job);
      } catch (error) {
        const message = `could not queue the job in Redis at ${redactRedisUrl(url)}: ${(error as Error).message}`;
        const failed = await finishJob(recording, job.id, { status: 'FAILED', error: message });
        await removeStagedUpload(failed).catch(() => undefined);
        emit('finished', failed);
        waiters.settle(failed);
        throw new JobQueueError(`'${kind}' job ${job.id} ${message}`, { cause: error });
      }
      emit('queued', job);
      await noteIfNobodyServes(job).catch((error: Error) => onError(new JobQueueError(`job ${job.id}: cannot note why it waits: ${error.message}`, { cause: error })));
      // As it is now: with its note, or already started by a quick worker.
      return ((await getJob(recording, job.id)) as JobRecord<M[K]['input']> | undefined) ?? job;
    },

    process<K extends KindOf<M>>(kind: K, handler: JobHandler<M[K]['input']>, processOptions: ProcessOptions = {}) {
      if (handlers.has(kind)) throw new JobQueueError(`a handler for '${kind}' jobs is already registered`);
      handlers.set(kind, handler as JobHandler<unknown>);
      // One BullMQ worker per queue runs every kind that arrives there: the lane's, and for a kind pinnable to a
      // backend, the lane's queue of that backend. Each starts once Redis answers.
      const lane = laneOf(kind);
      const pinned = processOptions.backend !== undefined && isPinnable(kind) ? processOptions.backend : undefined;
      if (pinned !== undefined) backends.add(pinned);
      for (const queue of [queueName(lane), ...(pinned !== undefined ? [queueName(lane, pinned)] : [])]) {
        if (workers.has(queue)) continue;
        workers.set(
          queue,
          connected.then(
            () => {
              if (closed) return undefined;
              locks ??= startLockKeeper({ url, prefix, lockDurationMs, onError });
              return startBullWorker({ connection: redis, prefix, queueName: queue, name, handlers, scope, blobs, concurrency: concurrency[lane], lockDurationMs, locks, running, onError });
            },
            () => undefined,
          ),
        );
      }
    },

    async waitFor(jobId, waitOptions = {}) {
      const recording = needStore(`wait for job ${jobId}`);
      await started;
      return waitForJob(recording, waiters, jobId, waitOptions);
    },

    async cancel(jobId: string, reason = DEFAULT_CANCEL_REASON) {
      const recording = needStore(`cancel job ${jobId}`);
      await started;
      const job = await getJob(recording, jobId);
      if (!job) throw new JobQueueError(`cannot cancel job '${jobId}': no such job`);
      if (isFinished(job)) return job;
      const cancelled = await finishJob(recording, job.id, { status: 'CANCELLED', error: reason });
      if (cancelled.status !== 'CANCELLED') return cancelled;
      // The worker running it polls this key and aborts its handler; a job still waiting is removed outright
      // (BullMQ refuses to remove one a worker holds, which the key stops instead).
      await redis.set(cancelKey(prefix, job.id), reason, 'EX', KEEP_FINISHED_SECONDS);
      await queueOf(job).remove(job.id).catch(() => 0);
      await removeStagedUpload(cancelled).catch(() => undefined);
      emit('finished', cancelled);
      waiters.settle(cancelled);
      return cancelled;
    },

    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    async close() {
      if (closed) return;
      closed = true;
      await started.catch(() => undefined);
      await announcement?.stop();
      // A worker finishes the jobs it holds (their results reach the store now or at the API's next start), or
      // after stopGraceMs hands them back for another worker to take over at once.
      const grace = options.stopGraceMs;
      const handBack = grace === undefined ? undefined : setTimeout(() => void running.abandonAll().catch((error: Error) => onError(new JobQueueError(`handing jobs back: ${error.message}`, { cause: error }))), grace);
      await Promise.all(
        [...workers.values()].map(async (starting) => {
          const worker = await starting;
          // A worker closed while its blocking connection still connects has that connection fail after BullMQ
          // removed its listeners, an 'error' nobody hears that ends the process: let it finish connecting first.
          await worker?.waitUntilReady().catch(() => undefined);
          await worker?.close();
        }),
      );
      clearTimeout(handBack);
      await locks?.close();
      await Promise.all([...events.values()].map(async (listening) => (await listening.catch(() => undefined))?.close()));
      await recorder?.idle();
      await Promise.all([...queues.values()].map((queue) => queue.close()));
      await closeRedis(redis);
      waiters.fail(new JobQueueError('the job queue closed before the job finished'));
    },
  };
}
