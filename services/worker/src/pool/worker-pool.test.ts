import { mkdtempSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { modelId, smallAlexnetGraph } from '@branchscope/core';
import {
  createInProcessQueue,
  RENDER_FEATURES_JOB,
  renderFeaturesInput,
  SVD_FACTORS_JOB,
  svdFactorsKey,
  type JobEvent,
  type JobQueue,
} from '@branchscope/jobs';
import { findArtifacts, getResult, insertModelsIfAbsent, listJobs, openStore, type Store } from '@branchscope/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInProcessWorker, type InProcessWorker } from '../start-in-process-worker';

const graph = smallAlexnetGraph({ branches: 2 });
const until = async (check: () => boolean | Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> => {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

describe('the worker pool behind the in-process queue', () => {
  let dir: string;
  let store: Store;
  let queue: JobQueue;
  let worker: InProcessWorker;
  const events: JobEvent[] = [];
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'branchscope-pool-'));
    store = openStore(join(dir, 'store.db'));
    await insertModelsIfAbsent(store, [{ id: modelId('small'), name: graph.name, family: 'alexnet', graph, weights: { kind: 'seeded', seed: 1 } }]);
    queue = createInProcessQueue({ store, concurrency: { render: 2 }, onError: (error) => console.error(error) });
    queue.subscribe((event) => events.push(event));
    worker = await startInProcessWorker({ queue, store, pool: { workers: 2, threads: 1 }, backends: ['wasm'], log: () => undefined });
  }, 120_000);
  afterAll(async () => {
    await queue?.close();
    await worker?.close();
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const render = (units: number[], steps: number) =>
    queue.enqueue(RENDER_FEATURES_JOB, renderFeaturesInput(graph, { modelId: 'small', layer: 'conv2', units, steps, size: 32 }, worker.backend));

  it('runs jobs in pool processes, not in this one, with the backend they chose', async () => {
    expect(worker.backend).toBe('ort+wasm');
    expect(worker.pool!.pids()).toHaveLength(4);
    expect(worker.pool!.pids()).not.toContain(process.pid);
    const input = { modelId: 'small', from: 'conv1', to: 'conv2', centered: false };
    const job = await queue.enqueue(SVD_FACTORS_JOB, input);
    const done = await queue.waitFor(job.id, { timeoutMs: 60_000 });
    expect(done).toMatchObject({ status: 'SUCCEEDED' });
    expect(worker.pool!.pids('quick').map((pid) => `${hostname()}:${pid}`)).toContain(done.worker);
    expect(done.resultKey).toBeTruthy();
    expect(await getResult(store, done.resultKey!)).toBeDefined();
  }, 120_000);

  it('reports every process\'s stats again and again without a listener left behind on its processes', async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    try {
      for (let call = 0; call < 15; call += 1) expect(await worker.pool!.stats()).toHaveLength(4);
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings.map((warning) => warning.message)).toEqual([]);
  }, 60_000);

  it('retries a job once on another process when its process is killed with SIGKILL, finishing it exactly once with every image whole', async () => {
    const job = await render([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 40);
    await until(() => worker.pool!.busy().some((entry) => entry.jobId === job.id), 'the render to start');
    const victim = worker.pool!.busy().find((entry) => entry.jobId === job.id)!.pid;
    process.kill(victim, 'SIGKILL');
    const done = await queue.waitFor(job.id, { timeoutMs: 120_000 });
    expect(done.status).toBe('SUCCEEDED');
    expect(events.filter((event) => event.type === 'finished' && event.job.id === job.id)).toHaveLength(1);
    expect(worker.pool!.pids()).not.toContain(victim);
    expect(worker.pool!.pids()).toHaveLength(4);
    const stored = await listJobs(store, { kind: RENDER_FEATURES_JOB });
    expect(stored.filter((entry) => entry.id === job.id)).toHaveLength(1);
    const units = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
    const input = renderFeaturesInput(graph, { modelId: 'small', layer: 'conv2', units, steps: 40, size: 32 }, worker.backend);
    const { modelDigest } = await import('@branchscope/store');
    const { getModel } = await import('@branchscope/store');
    const { featureImageKey } = await import('@branchscope/jobs');
    const digest = modelDigest((await getModel(store, 'small'))!);
    const keys = units.map((unit) => featureImageKey({ modelDigest: digest, layer: 'conv2', unit, steps: 40, size: 32, seed: input.seed, backend: worker.backend, channels: 3 }));
    const found = await findArtifacts(store, keys);
    expect(found.size).toBe(units.length);
  }, 180_000);

  it('splits a whole-layer job across its one-thread render processes, each rendering a share of the units', async () => {
    const { RENDER_LAYER_JOB, renderLayerInput, featureImageKey } = await import('@branchscope/jobs');
    const { getModel, modelDigest } = await import('@branchscope/store');
    const input = renderLayerInput(graph, { modelId: 'small', layer: 'conv1', steps: 30, size: 32, seed: 5 }, worker.backend);
    const job = await queue.enqueue(RENDER_LAYER_JOB, input);
    let most = 0;
    const progress: number[] = [];
    const unsubscribe = queue.subscribe((event) => event.job.id === job.id && event.type === 'progress' && progress.push(event.job.progress));
    await until(() => {
      most = Math.max(most, worker.pool!.busy().filter((entry) => entry.jobId === job.id).length);
      return most >= 2;
    }, 'both render processes to take a share of the layer');
    const done = await queue.waitFor(job.id, { timeoutMs: 120_000 });
    unsubscribe();
    expect(done.status, done.error ?? '').toBe('SUCCEEDED');
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    const digest = modelDigest((await getModel(store, 'small'))!);
    const keys = input.units.map((unit) => featureImageKey({ modelDigest: digest, layer: 'conv1', unit, steps: 30, size: 32, seed: 5, backend: worker.backend, channels: 3 }));
    expect((await findArtifacts(store, keys)).size).toBe(input.units.length);
  }, 180_000);

  it('splits a render of several units across its one-thread render processes too', async () => {
    const job = await render([20, 21, 22, 23], 30);
    let most = 0;
    await until(() => {
      most = Math.max(most, worker.pool!.busy().filter((entry) => entry.jobId === job.id).length);
      return most >= 2;
    }, 'both render processes to take a share of the units');
    const done = await queue.waitFor(job.id, { timeoutMs: 120_000 });
    expect(done.status, done.error ?? '').toBe('SUCCEEDED');
  }, 180_000);

  it('cancels a running render: CANCELLED at once, and its process is free again within the grace', async () => {
    const job = await render([10, 11, 12, 13, 14, 15, 16, 17], 2000);
    await until(() => worker.pool!.busy().some((entry) => entry.jobId === job.id), 'the render to start');
    expect((await queue.cancel(job.id)).status).toBe('CANCELLED');
    await until(() => !worker.pool!.busy().some((entry) => entry.jobId === job.id), 'the pool process to stop the cancelled render', 10_000);
    expect(worker.pool!.pids()).toHaveLength(4);
  }, 120_000);
});

describe('a worker pool whose processes cannot start', () => {
  it('fails the start naming why, and starts no process again and again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'branchscope-pool-bad-'));
    const store = openStore(join(dir, 'store.db'));
    const queue = createInProcessQueue({ store });
    try {
      // tfjs-node is not installed here, so a process allowed only the 'node' backend fails its start.
      await expect(startInProcessWorker({ queue, store, pool: { workers: 1, threads: 1 }, backends: ['node'], log: () => undefined })).rejects.toThrow(
        /pool process \d+ \((quick|render|heavy) lane\) could not start: .*node/,
      );
    } finally {
      await queue.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
