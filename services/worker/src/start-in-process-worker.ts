import { poolLaneSizes, storeJobData, type JobQueue, type PoolConfig } from '@branchscope/jobs';
import type { BackendName } from '@branchscope/runtime';
import type { Store } from '@branchscope/store';
import { createWorkerPool, type WorkerPool } from './pool/worker-pool';
import { WORKER_JOB_KINDS } from './worker-job-kinds';

export interface InProcessWorkerOptions {
  queue: JobQueue;
  store: Store;
  /** Backends to try, fastest first; `BRANCHSCOPE_BACKEND` still overrides. Default: node-gpu, node, wasm, cpu. */
  backends?: BackendName[];
  log?: (message: string) => void;
  /** Where `fetch-model` jobs keep their downloads (see `HandlerDeps`). */
  downloadDir?: string;
  /**
   * Run the handlers in a pool of worker processes (`readPoolConfig()` sizes it: `BRANCHSCOPE_WORKERS`,
   * `BRANCHSCOPE_WORKER_THREADS`), so this process's event loop never runs one. Without it, or with `workers: 0`,
   * or for a store in memory (which no other process can open), the handlers run in this process.
   */
  pool?: PoolConfig;
  /** More environment for the pool processes (tests force a backend this way). */
  poolEnv?: Record<string, string>;
}

export interface InProcessWorker {
  /** The backend render jobs name and images are keyed by (`renderBackendLabel`: e.g. `ort+wasm`, or `wasm`). */
  readonly backend: string;
  /** The worker pool, when the handlers run in one. */
  readonly pool?: WorkerPool;
  /** Stops the pool processes (after the queue closed); nothing to do without a pool. */
  close(): Promise<void>;
}

let backendOnce: Promise<BackendName> | undefined;

/**
 * Registers the handlers on `queue`. With `pool`, they run in pool processes (each lane its own processes, each
 * process started once: tsx and TF.js load at start, not per job); the queue's handlers here only hand each job
 * to the pool and relay its progress and cancellation. Without, chooses the TensorFlow.js backend (once per
 * process) and runs the handlers here.
 */
export async function startInProcessWorker(options: InProcessWorkerOptions): Promise<InProcessWorker> {
  if (options.pool && options.pool.workers > 0 && options.store.path !== ':memory:') {
    const pool = createWorkerPool({
      store: options.store,
      sizes: poolLaneSizes(options.pool),
      threads: options.pool.threads,
      downloadDir: options.downloadDir,
      ...(options.backends ? { backends: options.backends } : {}),
      ...(options.poolEnv ? { env: options.poolEnv } : {}),
      log: options.log,
    });
    let backend: string;
    try {
      ({ backend } = await pool.ready());
    } catch (error) {
      await pool.close();
      throw error;
    }
    // Renders pinned to the pool's backend, or to none, come here; one pinned to another backend waits, noted.
    for (const kind of WORKER_JOB_KINDS) options.queue.process(kind, (context) => pool.run(kind, context), { backend });
    options.log?.(`worker pool: ${pool.pids().length} processes (${options.pool.workers} for renders, one quick, one heavy), ${options.pool.threads} engine threads each, backend ${backend}`);
    return { backend, pool, close: () => pool.close() };
  }
  // Loaded only here: with a pool, this process (the API's) never loads TensorFlow.js or a handler.
  const [{ currentBackend, initBackend }, { chooseRenderEngine, renderBackendLabel }, { registerHandlers }] = await Promise.all([
    import('@branchscope/runtime'),
    import('./featurevis/render-engine'),
    import('./register-handlers'),
  ]);
  backendOnce ??= initBackend(options.backends, options.log ? { log: options.log } : {});
  const backend = await backendOnce.catch((error: unknown) => {
    backendOnce = undefined;
    throw error;
  });
  const engine = await chooseRenderEngine(process.env, options.log);
  const active = (currentBackend() as BackendName | undefined) ?? backend;
  registerHandlers(options.queue, { data: storeJobData(options.store), backend: active, engine, downloadDir: options.downloadDir });
  return { backend: renderBackendLabel(engine, active), close: async () => undefined };
}
