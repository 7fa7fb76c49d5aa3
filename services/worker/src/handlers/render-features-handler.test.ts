import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { modelId, smallAlexnetGraph } from '@branchscope/core';
import {
  createInProcessQueue,
  featureImageKey,
  RENDER_FEATURES_JOB,
  renderFeaturesInput,
  type FeatureImageMeta,
  type JobQueue,
  type RenderFeaturesInput,
  storeJobData,
} from '@branchscope/jobs';
import { initBackend } from '@branchscope/runtime';
import { getArtifact, getJob, getModel, insertModelsIfAbsent, modelDigest, openStore, type Store } from '@branchscope/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerHandlers } from '../register-handlers';
import type { RenderEngineChoice } from '../featurevis/render-engine';
import { renderFeaturesHandler } from './render-features-handler';

const PNG_SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];
const graph = smallAlexnetGraph({ branches: 2 });

/** Images rendered by onnxruntime with the recipe on TF.js wasm are keyed by this backend (renderBackendLabel). */
const BACKEND = 'ort+wasm';
const ORT: RenderEngineChoice = { engine: 'ort', reason: 'the test asks for it' };

/** One store, queue and in-process worker: onnxruntime for the model, the wasm backend for the recipe. */
async function openWorker(dir: string, backend = 'wasm'): Promise<{ store: Store; queue: JobQueue; close: () => Promise<void> }> {
  const store = openStore(join(dir, 'store.db'));
  await insertModelsIfAbsent(store, [{ id: modelId('small'), name: graph.name, family: 'alexnet', graph, weights: { kind: 'seeded', seed: 1 } }]);
  const queue = createInProcessQueue({ store, onError: (error) => console.error(error) });
  registerHandlers(queue, { data: storeJobData(store), backend, engine: ORT });
  return { store, queue, close: async () => (await queue.close(), await store.close()) };
}

describe('render-features handler', () => {
  let dir: string;
  let worker: Awaited<ReturnType<typeof openWorker>>;
  let digest: string;
  beforeAll(async () => {
    await initBackend(['wasm'], { log: () => {}, env: {} });
    dir = mkdtempSync(join(tmpdir(), 'branchscope-worker-'));
    worker = await openWorker(join(dir, 'a'));
    digest = modelDigest((await getModel(worker.store, 'small'))!);
  });
  afterAll(async () => {
    await worker.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const input = (units: number[], over: Partial<RenderFeaturesInput> = {}): RenderFeaturesInput => ({
    ...renderFeaturesInput(graph, { modelId: 'small', layer: 'conv2', units, steps: 6, size: 32 }, BACKEND),
    ...over,
  });
  const run = async (queue: JobQueue, job: RenderFeaturesInput) => queue.waitFor((await queue.enqueue(RENDER_FEATURES_JOB, job)).id);
  const keyOf = (unit: number, over: Partial<RenderFeaturesInput> = {}) => {
    const { layer, steps, size, seed, backend } = input([unit], over);
    return featureImageKey({ modelDigest: digest, layer, unit, steps, size, seed, backend: backend ?? BACKEND, channels: 3 });
  };

  it('stores one PNG per unit under its own key, with its trace and descriptors', async () => {
    const job = await run(worker.queue, input([0, 1]));
    expect(job.status).toBe('SUCCEEDED');
    for (const unit of [0, 1]) {
      const artifact = await getArtifact<FeatureImageMeta>(worker.store, keyOf(unit));
      expect(Array.from(artifact!.bytes.subarray(0, 8))).toEqual(PNG_SIGNATURE);
      expect(artifact!.meta).toMatchObject({ unit, layer: 'conv2', size: 32, steps: 6, backend: BACKEND, height: 32, width: 32, channels: 3 });
      expect(artifact!.meta.trace).toHaveLength(6);
      expect(artifact!.meta.descriptor.colorIndex).toBeGreaterThanOrEqual(0);
      expect(artifact!.jobId).toBe(job.id);
    }
  });

  it('renders only the units not stored yet', async () => {
    const job = await run(worker.queue, input([1, 2]));
    const kept = await getArtifact<FeatureImageMeta>(worker.store, keyOf(1));
    const added = await getArtifact<FeatureImageMeta>(worker.store, keyOf(2));
    expect(kept!.jobId).not.toBe(job.id);
    expect(added!.jobId).toBe(job.id);
    expect(added!.meta.batchUnits).toEqual([2]);
  });

  it('gives a byte-identical PNG for a unit rendered alone in a fresh store', async () => {
    const fresh = await openWorker(join(dir, 'b'));
    try {
      await run(fresh.queue, input([1]));
      const alone = await getArtifact(fresh.store, keyOf(1));
      const batched = await getArtifact(worker.store, keyOf(1));
      expect(Buffer.from(alone!.bytes).equals(Buffer.from(batched!.bytes))).toBe(true);
    } finally {
      await fresh.close();
    }
  });

  it('reports rising progress while it renders', async () => {
    const fractions: number[] = [];
    const stop = worker.queue.subscribe((event) => {
      if (event.type === 'progress') fractions.push(event.job.progress);
    });
    await run(worker.queue, input([6, 7], { steps: 40 }));
    stop();
    expect(fractions).toHaveLength(20);
    expect(fractions.every((f, i) => i === 0 || f > fractions[i - 1]!)).toBe(true);
  });

  it('renders in batches of 8 units, keeping each batch as it is stored', async () => {
    const store = openStore(join(dir, 'batches.db'));
    try {
      await insertModelsIfAbsent(store, [{ id: modelId('small'), name: graph.name, family: 'alexnet', graph, weights: { kind: 'seeded', seed: 1 } }]);
      // A queue with no handler only records the job; the handler is called by hand with a keepStored to count.
      const queue = createInProcessQueue({ store, onError: (error) => console.error(error) });
      const units = Array.from({ length: 10 }, (_, unit) => 20 + unit);
      const job = input(units, { steps: 2, size: 16 });
      const record = await queue.enqueue(RENDER_FEATURES_JOB, job);
      const kept: number[] = [];
      const stored = async () => (await Promise.all(units.map((unit) => getArtifact(store, keyOf(unit, { steps: 2, size: 16 }))))).filter(Boolean).length;
      await renderFeaturesHandler({ data: storeJobData(store), backend: 'wasm', engine: ORT })({ job: record, input: job, reportProgress: async () => undefined, keepStored: async () => void kept.push(await stored()) });
      expect(kept).toEqual([8, 10]);
      const batches = await Promise.all([20, 27, 28, 29].map(async (unit) => (await getArtifact<FeatureImageMeta>(store, keyOf(unit, { steps: 2, size: 16 })))!.meta.batchUnits));
      expect(batches).toEqual([units.slice(0, 8), units.slice(0, 8), [28, 29], [28, 29]]);
      await queue.close();
    } finally {
      await store.close();
    }
  });

  it('resumes a job whose first batch is stored: only the rest is rendered, progress starting from the stored share', async () => {
    const units = Array.from({ length: 10 }, (_, unit) => 40 + unit);
    await run(worker.queue, input(units.slice(0, 8), { steps: 4 }));
    const fractions: number[] = [];
    const stop = worker.queue.subscribe((event) => event.type === 'progress' && fractions.push(event.job.progress));
    const job = await run(worker.queue, input(units, { steps: 4 }));
    stop();
    expect(fractions[0]).toBeCloseTo(0.76, 12);
    expect(Math.min(...fractions)).toBeCloseTo(0.76, 12);
    const metas = await Promise.all(units.map(async (unit) => (await getArtifact<FeatureImageMeta>(worker.store, keyOf(unit, { steps: 4 })))!));
    expect(metas.filter((artifact) => artifact.jobId === job.id).map((artifact) => artifact.meta.unit)).toEqual([48, 49]);
  });

  it('leaves a job pinned to another backend QUEUED, noted with why, and its handler refuses it if handed it anyway', async () => {
    const record = await worker.queue.enqueue(RENDER_FEATURES_JOB, input([3], { backend: 'node-gpu' }));
    await expect.poll(async () => (await getJob(worker.store, record.id))?.error).toBe(
      "waiting for a worker that renders on 'node-gpu': live workers render on ort+wasm; the job starts when one does",
    );
    expect((await getJob(worker.store, record.id))?.status).toBe('QUEUED');
    const handler = renderFeaturesHandler({ data: storeJobData(worker.store), backend: 'wasm', engine: ORT });
    await expect(handler({ job: record, input: record.input, reportProgress: async () => undefined })).rejects.toThrow(
      "the job asks for images from backend 'node-gpu', but this worker renders on 'ort+wasm'",
    );
    await worker.queue.cancel(record.id);
  });

  it("renders a job pinned to no backend on this worker's, and keys its images by it", async () => {
    const job = await run(worker.queue, input([12], { backend: null, steps: 3 }));
    expect(job.status).toBe('SUCCEEDED');
    const artifact = await getArtifact<FeatureImageMeta>(worker.store, keyOf(12, { steps: 3, backend: BACKEND }));
    expect(artifact?.meta).toMatchObject({ unit: 12, steps: 3, backend: BACKEND });
  });

  it('fails naming the unit the layer does not have, and keeps serving', async () => {
    const bad = await run(worker.queue, input([0], { units: [64] }));
    expect(bad.error).toBe("layer 'conv2' of model 'small' has 64 units (0..63); unit 64 does not exist");
    expect((await run(worker.queue, input([5], { size: 16 }))).status).toBe('SUCCEEDED');
  });
});
