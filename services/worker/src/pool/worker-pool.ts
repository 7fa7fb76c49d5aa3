import { fork, type ChildProcess } from 'node:child_process';
import { setPriority } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { JOB_LANES, laneOf, RENDER_BATCH_UNITS, RENDER_FEATURES_JOB, RENDER_LAYER_JOB, type JobContext, type JobLane, type JobOutput } from '@branchscope/jobs';
import { maskStoreTarget, type Store } from '@branchscope/store';
import type { FromPoolProcess, PoolProcessSettings, PoolProcessStats, ToPoolProcess } from './pool-protocol';

export interface WorkerPoolOptions {
  /** The API's store, which every pool process opens too: its SQLite file (WAL), or its PostgreSQL database. */
  store: Pick<Store, 'target' | 'path' | 'dialect'>;
  /** Pool processes per lane: each runs one job at a time, so a lane runs this many jobs at once. */
  sizes: Record<JobLane, number>;
  /** Engine threads per pool process, passed as `BRANCHSCOPE_WORKER_THREADS`. */
  threads: number;
  /** Where `fetch-model` jobs keep downloads. */
  downloadDir?: string;
  /** TF.js backends a pool process may choose from, fastest first (`initBackend`'s list); all by default. */
  backends?: string[];
  /** How long a cancelled job's process may take to stop before it is killed and replaced; 5 s by default. */
  cancelGraceMs?: number;
  /** More environment for the pool processes (tests force a backend this way). */
  env?: Record<string, string>;
  log?: (message: string) => void;
}

export interface WorkerPool {
  /** Resolves with the backend once every pool process has loaded; rejects with the first one's start failure. */
  ready(): Promise<{ backend: string }>;
  /**
   * Runs the job of `context` in an idle process of its kind's lane (waiting for one), relaying its progress to
   * `context.reportProgress` and a cancel (`context.signal`) to the process. A process that dies mid-job is
   * replaced and the job retried once, on another process; a second death fails the job naming both.
   */
  run(kind: string, context: JobContext<unknown>): Promise<JobOutput>;
  /** Each live pool process's tensor count and resident memory. */
  stats(): Promise<PoolProcessStats[]>;
  /** The pids of the live pool processes of a lane (all lanes without one). */
  pids(lane?: JobLane): number[];
  /** Which process runs which job now. */
  busy(): { pid: number; lane: JobLane; jobId: string }[];
  /** Stops every pool process; running jobs end with them. */
  close(): Promise<void>;
}

/** The script a pool process runs, beside this file. */
const POOL_PROCESS_SCRIPT = fileURLToPath(new URL('./pool-process.ts', import.meta.url));
/** The repository root, where `--import tsx` resolves. */
const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/** The niceness of render- and heavy-lane processes: below the API's priority, so requests are answered first. */
const POOL_NICENESS = 10;

/** Thrown when a pool process exits while it runs a job. */
class PoolProcessDied extends Error {}

interface Slot {
  lane: JobLane;
  child: ChildProcess;
  pid: number;
  started: Promise<string>;
  /** The job it runs, if any. */
  jobId: string | null;
  onMessage?: (message: FromPoolProcess) => void;
  onExit?: (reason: string) => void;
  exited: boolean;
  /** Set once it reported ready. */
  ready: boolean;
}

/**
 * A pool of long-lived worker processes, one set per lane, so a render never holds up a quick job and the API's
 * event loop never runs a handler. Each process pays for tsx and TF.js once, at its start, not per job.
 */
export function createWorkerPool(options: WorkerPoolOptions): WorkerPool {
  const log = options.log ?? (() => undefined);
  const cancelGraceMs = options.cancelGraceMs ?? 5000;
  const slots: Slot[] = [];
  const idleWaiters = new Map<JobLane, (() => void)[]>();
  /** Why a lane has no process: one failed to start, and starting another would only fail again. */
  const laneErrors = new Map<JobLane, string>();
  let closed = false;

  const spawn = (lane: JobLane): Slot => {
    const { store } = options;
    const settings: PoolProcessSettings = {
      dbPath: maskStoreTarget(store.target),
      filesDir: path.dirname(store.path),
      backends: options.backends ?? null,
      downloadDir: options.downloadDir ?? null,
    };
    const child = fork(POOL_PROCESS_SCRIPT, [JSON.stringify(settings)], {
      cwd: REPO_ROOT,
      // --expose-gc: `stats()` collects garbage first, so resident memory compares like with like.
      execArgv: ['--import', 'tsx', '--expose-gc'],
      env: { ...process.env, ...options.env, BRANCHSCOPE_WORKER_THREADS: String(options.threads), BRANCHSCOPE_DB: store.target },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    // Renders and heavy jobs yield the CPU to the API (and to quick jobs): on a machine with every core busy, the
    // API's event loop still answers within milliseconds. Best effort: a platform that refuses leaves it at 0.
    if (lane !== 'quick' && child.pid !== undefined) {
      try {
        setPriority(child.pid, POOL_NICENESS);
      } catch {
        // Not permitted here; the process runs at normal priority.
      }
    }
    const slot: Slot = { lane, child, pid: child.pid ?? -1, jobId: null, exited: false, ready: false, started: undefined as unknown as Promise<string> };
    slot.started = new Promise<string>((resolve, reject) => {
      child.on('message', (message: FromPoolProcess) => {
        if (message.type === 'ready') {
          slot.ready = true;
          resolve(message.backend);
        }
        else if (message.type === 'start-failed') reject(new Error(`pool process ${slot.pid} (${lane} lane) could not start: ${message.error}`));
        else slot.onMessage?.(message);
      });
      child.on('exit', (code, signal) => {
        slot.exited = true;
        const reason = signal ? `killed by ${signal}` : `exited with code ${code}`;
        reject(new Error(`pool process ${slot.pid} (${lane} lane) ${reason} before it was ready`));
        slot.onExit?.(reason);
        const index = slots.indexOf(slot);
        if (index >= 0) slots.splice(index, 1);
        if (!closed && !slot.ready) {
          // Not replaced: a process that cannot start would be restarted forever. Jobs of the lane fail with why.
          laneErrors.set(lane, `pool process ${slot.pid} ${reason} before it was ready`);
          log(`pool process ${slot.pid} (${lane} lane) ${reason} before it was ready; not starting another`);
          wakeIdle(lane);
        } else if (!closed) {
          log(`pool process ${slot.pid} (${lane} lane) ${reason}; starting another`);
          spawn(lane);
          wakeIdle(lane);
        }
      });
    });
    slot.started.catch(() => undefined);
    slots.push(slot);
    return slot;
  };

  const wakeIdle = (lane: JobLane): void => {
    const waiting = idleWaiters.get(lane) ?? [];
    idleWaiters.set(lane, []);
    for (const wake of waiting) wake();
  };

  /** An idle, started process of `lane` other than `avoid`, waiting for one if none is idle now. */
  const takeIdle = async (lane: JobLane, avoid?: number): Promise<Slot> => {
    for (;;) {
      if (closed) throw new Error('the worker pool is closed');
      const broken = laneErrors.get(lane);
      if (broken) throw new Error(`the worker pool has no process for the ${lane} lane: ${broken}`);
      const candidates = slots.filter((slot) => slot.lane === lane && slot.jobId === null && !slot.exited);
      // A process that died is gone from `slots`; its replacement counts as another process.
      const slot = candidates.find((s) => s.pid !== avoid);
      if (slot) {
        slot.jobId = 'claimed';
        try {
          await slot.started;
          return slot;
        } catch {
          slot.jobId = null;
          continue;
        }
      }
      await new Promise<void>((resolve) => idleWaiters.set(lane, [...(idleWaiters.get(lane) ?? []), resolve]));
    }
  };

  const release = (slot: Slot): void => {
    slot.jobId = null;
    slot.onMessage = undefined;
    slot.onExit = undefined;
    wakeIdle(slot.lane);
  };

  /** One try of a job (or of a share of its units) on one process. */
  const attempt = (slot: Slot, kind: string, context: JobContext<unknown>, units?: number[]): Promise<JobOutput> =>
    new Promise<JobOutput>((resolve, reject) => {
      const jobId = context.job.id;
      slot.jobId = jobId;
      let progress = Promise.resolve();
      let killTimer: NodeJS.Timeout | undefined;
      const onAbort = () => {
        slot.child.send({ type: 'cancel', jobId } satisfies ToPoolProcess);
        // A handler that does not stop in time goes with its process; the pool starts another.
        killTimer = setTimeout(() => slot.child.kill('SIGKILL'), cancelGraceMs);
      };
      const settle = () => {
        clearTimeout(killTimer);
        context.signal?.removeEventListener('abort', onAbort);
      };
      slot.onMessage = (message) => {
        if (message.type === 'progress' && message.jobId === jobId) {
          progress = progress.then(() => context.reportProgress(message.fraction)).catch(() => undefined);
        } else if (message.type === 'done' && message.jobId === jobId) {
          settle();
          void progress.then(() => resolve(message.resultKey ? { resultKey: message.resultKey } : {}));
        } else if (message.type === 'failed' && message.jobId === jobId) {
          settle();
          void progress.then(() => reject(new Error(message.error)));
        }
      };
      slot.onExit = (reason) => {
        settle();
        reject(new PoolProcessDied(`pool process ${slot.pid} ${reason} while running job ${jobId}`));
      };
      if (context.signal?.aborted) onAbort();
      else context.signal?.addEventListener('abort', onAbort, { once: true });
      slot.child.send({ type: 'run', jobId, kind, ...(units ? { units } : {}) } satisfies ToPoolProcess);
    });

  /** Runs a job (or a share of its units) on one process, retried once on another should that one die. */
  const runOnce = async (kind: string, context: JobContext<unknown>, units?: number[]): Promise<JobOutput> => {
    const lane = laneOf(kind);
    let died: string | undefined;
    let avoid: number | undefined;
    for (let tries = 1; ; tries += 1) {
      const slot = await takeIdle(lane, avoid);
      try {
        return await attempt(slot, kind, context, units);
      } catch (error) {
        if (!(error instanceof PoolProcessDied) || context.signal?.aborted) throw error;
        if (tries >= 2) throw new Error(`${died}; retried once, and ${error.message}: not retried again`);
        died = error.message;
        avoid = slot.pid;
        log(`${died}; retrying it once on another pool process`);
      } finally {
        if (!slot.exited) release(slot);
      }
    }
  };

  /**
   * A render (a whole layer, or a render-features job of several units) split across `parts` render processes, each given a contiguous share of its units (the pool's
   * choice when its processes have one engine thread each): progress is the units' weighted sum of the shares', and
   * the first share to fail cancels the others.
   */
  const runSplit = async (kind: string, context: JobContext<unknown>, units: number[], parts: number): Promise<JobOutput> => {
    const size = Math.ceil(units.length / parts);
    const shares = Array.from({ length: parts }, (_, i) => units.slice(i * size, (i + 1) * size)).filter((share) => share.length > 0);
    const fractions = shares.map(() => 0);
    const stop = new AbortController();
    const onAbort = () => stop.abort();
    context.signal?.addEventListener('abort', onAbort, { once: true });
    let reported = Promise.resolve();
    try {
      await Promise.all(
        shares.map((share, i) =>
          runOnce(kind, {
            ...context,
            signal: stop.signal,
            reportProgress: async (fraction) => {
              fractions[i] = fraction;
              const total = fractions.reduce((sum, f, j) => sum + f * shares[j]!.length, 0) / units.length;
              reported = reported.then(() => context.reportProgress(total)).catch(() => undefined);
            },
          }, share).catch((error: unknown) => {
            stop.abort();
            throw error;
          }),
        ),
      );
      await reported;
      return {};
    } finally {
      context.signal?.removeEventListener('abort', onAbort);
    }
  };

  for (const lane of JOB_LANES) for (let i = 0; i < options.sizes[lane]; i += 1) spawn(lane);

  return {
    async ready() {
      const backends = await Promise.all(slots.map((slot) => slot.started));
      return { backend: backends[0]! };
    },

    async run(kind, context) {
      const units = (context.input as { units?: unknown } | null)?.units;
      const renderers = options.sizes.render;
      // One-thread processes each rendering a share of the units beat one process on every core (the warps and Adam
      // run in TF.js on one thread): 84.9 against 65.8 neuron-steps/s, bench/featurevis.ts measures both. Each unit's image is the same either way.
      const splits = kind === RENDER_LAYER_JOB ? Array.isArray(units) && units.length > RENDER_BATCH_UNITS : kind === RENDER_FEATURES_JOB && Array.isArray(units) && units.length > 1;
      if (splits && options.threads === 1 && renderers > 1) {
        return runSplit(kind, context, units as number[], renderers);
      }
      return runOnce(kind, context);
    },


    async stats() {
      const live = slots.filter((slot) => !slot.exited);
      return Promise.all(
        live.map(
          (slot) =>
            new Promise<PoolProcessStats>((resolve, reject) => {
              const onMessage = (message: FromPoolProcess) => {
                if (message.type !== 'stats') return;
                slot.child.off('message', onMessage).off('exit', onExit);
                resolve(message.stats);
              };
              const onExit = () => {
                slot.child.off('message', onMessage);
                reject(new Error(`pool process ${slot.pid} exited before reporting its stats`));
              };
              slot.child.on('message', onMessage).once('exit', onExit);
              slot.child.send({ type: 'stats' } satisfies ToPoolProcess);
            }),
        ),
      );
    },

    busy: () => slots.filter((slot) => !slot.exited && slot.jobId !== null && slot.jobId !== 'claimed').map((slot) => ({ pid: slot.pid, lane: slot.lane, jobId: slot.jobId! })),

    pids: (lane) => slots.filter((slot) => !slot.exited && (lane === undefined || slot.lane === lane)).map((slot) => slot.pid),

    async close() {
      if (closed) return;
      closed = true;
      for (const wake of [...idleWaiters.values()].flat()) wake();
      await Promise.all(
        slots.map(
          (slot) =>
            new Promise<void>((resolve) => {
              if (slot.exited) return resolve();
              slot.child.once('exit', () => resolve());
              slot.child.kill('SIGTERM');
            }),
        ),
      );
    },
  };
}
