import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { modelId, smallAlexnetGraph } from '@branchscope/core';
import { createInProcessQueue, featureImageKey, RENDER_FEATURES_JOB, renderFeaturesInput, type PoolConfig } from '@branchscope/jobs';
import { getArtifact, getModel, insertModelsIfAbsent, modelDigest, openStore } from '@branchscope/store';
import { afterAll, describe, expect, it } from 'vitest';
import { startInProcessWorker } from '../start-in-process-worker';

const graph = smallAlexnetGraph({ branches: 2 });
const UNIT = 3;
const dirs: string[] = [];

/**
 * Renders `units` of conv2 (12 steps, 32 px, seed 7) in a fresh store by a pool sized `pool`, and returns the PNG
 * bytes of {@link UNIT} with the engine that drew it.
 */
async function renderInPool(pool: PoolConfig, units: number[]): Promise<{ bytes: Buffer; engine: unknown }> {
  const dir = mkdtempSync(join(tmpdir(), 'branchscope-pool-same-'));
  dirs.push(dir);
  const store = openStore(join(dir, 'store.db'));
  await insertModelsIfAbsent(store, [{ id: modelId('small'), name: graph.name, family: 'alexnet', graph, weights: { kind: 'seeded', seed: 1 } }]);
  const queue = createInProcessQueue({ store, onError: (error) => console.error(error) });
  const worker = await startInProcessWorker({ queue, store, pool, backends: ['wasm'], log: () => undefined });
  try {
    const input = renderFeaturesInput(graph, { modelId: 'small', layer: 'conv2', units, steps: 12, size: 32, seed: 7 }, worker.backend);
    const done = await queue.waitFor((await queue.enqueue(RENDER_FEATURES_JOB, input)).id, { timeoutMs: 120_000 });
    expect(done.status, done.error ?? '').toBe('SUCCEEDED');
    const digest = modelDigest((await getModel(store, 'small'))!);
    const key = featureImageKey({ modelDigest: digest, layer: 'conv2', unit: UNIT, steps: 12, size: 32, seed: 7, backend: worker.backend, channels: 3 });
    const artifact = await getArtifact<{ engine?: unknown; batchUnits: number[] }>(store, key);
    // The batch that drew it: all of `units` in one process, or its share when the pool split the render across
    // one-thread processes (workers > 1, threads 1).
    const share = pool.workers > 1 && pool.threads === 1 && units.length > 1 ? units.slice(0, Math.ceil(units.length / pool.workers)) : units.slice(0, 8);
    expect(artifact?.meta.batchUnits).toEqual(share);
    return { bytes: Buffer.from(artifact!.bytes), engine: artifact!.meta.engine };
  } finally {
    await queue.close();
    await worker.close();
    await store.close();
  }
}

describe('a unit rendered in the worker pool', () => {
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('has the same PNG bytes alone or in a batch, on one engine thread or on two, split across processes or not', async () => {
    const alone1 = await renderInPool({ workers: 1, threads: 1 }, [UNIT]);
    const batch2 = await renderInPool({ workers: 1, threads: 2 }, [0, 1, 2, UNIT, 4, 5, 6, 7]);
    const alone2 = await renderInPool({ workers: 2, threads: 2 }, [UNIT]);
    const batch1 = await renderInPool({ workers: 2, threads: 1 }, [0, 1, 2, UNIT, 4, 5, 6, 7]);
    console.log(`pool determinism: engine ${String(alone1.engine)}, ${alone1.bytes.length} bytes`);
    expect(batch2.engine).toBe(alone1.engine);
    expect(batch2.bytes.equals(alone1.bytes), 'batch of 8 on 2 threads vs alone on 1').toBe(true);
    expect(alone2.bytes.equals(alone1.bytes), 'alone on 2 threads vs alone on 1').toBe(true);
    expect(batch1.bytes.equals(alone1.bytes), 'batch of 8 on 1 thread vs alone on 1').toBe(true);
  }, 600_000);
});
