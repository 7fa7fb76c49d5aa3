import type { JobQueue } from '@branchscope/jobs';
import { initBackend, type BackendName } from '@branchscope/nn';
import type { Store } from '@branchscope/store';
import { registerHandlers } from './register-handlers';

export interface InProcessWorkerOptions {
  queue: JobQueue;
  store: Store;
  /** Backends to try, fastest first; `BRANCHSCOPE_BACKEND` still overrides. Default: node-gpu, node, wasm, cpu. */
  backends?: BackendName[];
  log?: (message: string) => void;
  /** Where `fetch-model` jobs keep their downloads (see `HandlerDeps`). */
  downloadDir?: string;
}

export interface InProcessWorker {
  /** The TensorFlow.js backend this process runs on. */
  readonly backend: BackendName;
}

let backendOnce: Promise<BackendName> | undefined;

/**
 * Chooses the TensorFlow.js backend (once per process: a second worker reuses the first choice) and registers
 * the handlers on `queue`, so jobs run in this process.
 */
export async function startInProcessWorker(options: InProcessWorkerOptions): Promise<InProcessWorker> {
  backendOnce ??= initBackend(options.backends, options.log ? { log: options.log } : {});
  const backend = await backendOnce.catch((error: unknown) => {
    backendOnce = undefined;
    throw error;
  });
  registerHandlers(options.queue, { store: options.store, backend, downloadDir: options.downloadDir });
  return { backend };
}
