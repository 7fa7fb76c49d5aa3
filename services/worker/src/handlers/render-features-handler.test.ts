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
} from '@branchscope/jobs';
import { initBackend } from '@branchscope/nn';
import { getArtifact, getModel, insertModelsIfAbsent, modelDigest, openStore, type Store } from '@branchscope/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerHandlers } from '../register-handlers';

const PNG_SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];
const graph = smallAlexnetGraph({ branches: 2 });

/** One store, queue and in-process worker on the wasm backend. */
async function openWorker(dir: string, backend = 'wasm'): Promise<{ store: Store; queue: JobQueue; close: () => Promise<void> }> {
  const store = openStore(join(dir, 'store.db'));
  await insertModelsIfAbsent(store, [{ id: modelId('small'), name: graph.name, family: 'alexnet', graph, weights: { kind: 'seeded', seed: 1 } }]);
  const queue = createInProcessQueue({ store, onError: (error) => console.error(error) });
  registerHandlers(queue, { store, backend });
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
    ...renderFeaturesInput(graph, { modelId: 'small', layer: 'conv2', units, steps: 6, size: 32 }, 'wasm'),
    ...over,
  });
  const run = async (queue: JobQueue, job: RenderFeaturesInput) => queue.waitFor((await queue.enqueue(RENDER_FEATURES_JOB, job)).id);
  const keyOf = (unit: number, over: Partial<RenderFeaturesInput> = {}) => {
    const { layer, steps, size, seed, backend } = input([unit], over);
    return featureImageKey({ modelDigest: digest, layer, unit, steps, size, seed, backend });
  };

  it('stores one PNG per unit under its own key, with its trace and descriptors', async () => {
    const job = await run(worker.queue, input([0, 1]));
    expect(job.status).toBe('SUCCEEDED');
    for (const unit of [0, 1]) {
      const artifact = await getArtifact<FeatureImageMeta>(worker.store, keyOf(unit));
      expect(Array.from(artifact!.bytes.subarray(0, 8))).toEqual(PNG_SIGNATURE);
      expect(artifact!.meta).toMatchObject({ unit, layer: 'conv2', size: 32, steps: 6, backend: 'wasm', height: 32, width: 32, channels: 3 });
      expect(artifact!.meta.trace).toHaveLength(6);
      expect(artifact!.meta.descriptor.colourIndex).toBeGreaterThanOrEqual(0);
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

  it('fails a job that asks for another backend, naming both', async () => {
    const job = await run(worker.queue, input([3], { backend: 'node-gpu' }));
    expect(job.error).toBe("the job asks for images from backend 'node-gpu', but this worker renders on 'wasm'");
  });

  it('fails naming the unit the layer does not have, and keeps serving', async () => {
    const bad = await run(worker.queue, input([0], { units: [64] }));
    expect(bad.error).toBe("layer 'conv2' of model 'small' has 64 units (0..63); unit 64 does not exist");
    expect((await run(worker.queue, input([5], { size: 16 }))).status).toBe('SUCCEEDED');
  });
});
