import { createLogger, storeJobData, type JobContext, type JobHandler } from '@branchscope/jobs';
import { currentBackend, initBackend, type BackendName } from '@branchscope/runtime';
import { hostname } from 'node:os';
import { connectStore, getJob, setJobWorker, type JobId } from '@branchscope/store';
import { chooseRenderEngine, renderBackendLabel } from '../featurevis/render-engine';
import { workerHandlers } from '../register-handlers';
import type { FromPoolProcess, PoolProcessSettings, ToPoolProcess } from './pool-protocol';

/**
 * A pool process (`node --import tsx pool-process.ts`, forked by `createWorkerPool`): loads TensorFlow.js once,
 * opens the API's store (its SQLite file, or its PostgreSQL database) and runs the jobs the pool sends it, one at a time, with the
 * same handlers as everywhere else. Progress goes back over IPC; a cancel fires the job's AbortSignal.
 */
const send = (message: FromPoolProcess): void => void process.send?.(message);

/**
 * TF.js tensors alive in this process, read from the engine TF.js keeps on the global object (`_tfengine`), so the
 * worker needs no TF.js import of its own; -1 before TF.js loaded.
 */
const liveTensors = (): number => {
  const engine = (globalThis as { _tfengine?: { memory(): { numTensors: number } } })._tfengine;
  return engine ? engine.memory().numTensors : -1;
};

async function main(): Promise<void> {
  const settings = JSON.parse(process.argv[2] ?? 'null') as PoolProcessSettings | null;
  if (!settings?.dbPath) throw new Error('a pool process is started with its settings as JSON, holding the API store file (dbPath)');
  const { dbPath } = settings;
  // A PostgreSQL URL comes in the environment (BRANCHSCOPE_DB), not on the command line, where anyone could read its password.
  // One job at a time makes few queries at once: two connections each, so many pool processes stay far below the server's limit.
  const store = await connectStore(process.env.BRANCHSCOPE_DB || dbPath, { filesDir: settings.filesDir, maxConnections: 2 });
  const backend = await initBackend((settings.backends as BackendName[] | null) ?? undefined, { log: () => undefined });
  // The fastest engine present, each faster one skipped logged with why; a TF.js choice may change the backend.
  const engine = await chooseRenderEngine(process.env, (message) => createLogger().info(`pool process ${process.pid}: ${message}`));
  const active = currentBackend() ?? backend;
  // The queue lives in the API process; this one only runs the handlers it is handed jobs for.
  const handlers = new Map<string, JobHandler<unknown>>(Object.entries(workerHandlers({ data: storeJobData(store), backend: active, engine, downloadDir: settings.downloadDir ?? undefined })) as [string, JobHandler<unknown>][]);
  const controllers = new Map<string, AbortController>();
  let jobsRun = 0;

  const run = async (jobId: string, kind: string, units: number[] | undefined): Promise<void> => {
    const controller = new AbortController();
    controllers.set(jobId, controller);
    try {
      const handler = handlers.get(kind);
      if (!handler) throw new Error(`pool process ${process.pid} has no handler for '${kind}' jobs (it runs ${[...handlers.keys()].join(', ')})`);
      // The job names the process that runs it, not the API that handed it over.
      await setJobWorker(store, jobId as JobId, `${hostname()}:${process.pid}`);
      const stored = await getJob(store, jobId);
      if (!stored) throw new Error(`job ${jobId} is not in the store ${dbPath}`);
      const job = units ? { ...stored, input: { ...(stored.input as object), units } } : stored;
      const context: JobContext<unknown> = {
        job,
        input: job.input,
        signal: controller.signal,
        reportProgress: async (fraction) => {
          if (!Number.isFinite(fraction) || fraction < 0 || fraction > 1) throw new Error(`job ${jobId}: progress must be a number from 0 to 1, got ${fraction}`);
          send({ type: 'progress', jobId, fraction });
        },
      };
      const output = await handler(context);
      send({ type: 'done', jobId, resultKey: output?.resultKey ?? null });
    } catch (error) {
      send({ type: 'failed', jobId, error: error instanceof Error ? error.message || error.name : `job handler threw a non-error value: ${String(error)}` });
    } finally {
      controllers.delete(jobId);
      jobsRun += 1;
    }
  };

  process.on('message', (message: ToPoolProcess) => {
    if (message.type === 'run') void run(message.jobId, message.kind, message.units);
    else if (message.type === 'cancel') controllers.get(message.jobId)?.abort();
    else if (message.type === 'stats') void settledMemory().then((memory) =>
      send({ type: 'stats', stats: { pid: process.pid, jobsRun, tensors: liveTensors(), rssBytes: memory.rss, heapUsedBytes: memory.heapUsed, externalBytes: memory.external } }),
    );
  });
  // The API going away (its IPC channel closing) ends the pool process.
  process.on('disconnect', () => process.exit(0));
  send({ type: 'ready', backend: renderBackendLabel(engine, active), pid: process.pid });
}

/**
 * Memory once garbage is collected and freed: V8 frees dead ArrayBuffers' memory on a background sweeper after a
 * collection, so `external` read at once still counts some of them (tens of MiB from run to run); a pause and a second
 * collection let it finish. Without --expose-gc it is memory as it stands.
 */
async function settledMemory(): Promise<NodeJS.MemoryUsage> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 50));
    gc();
  }
  return process.memoryUsage();
}

main().catch((error: unknown) => {
  send({ type: 'start-failed', error: error instanceof Error ? error.message : String(error) });
  process.exit(1);
});
