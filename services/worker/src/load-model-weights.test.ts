import { storeJobData } from '@branchscope/jobs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { alexnetGraph, modelId } from '@branchscope/core';
import { getModel, insertModelsIfAbsent, openStore, type Store } from '@branchscope/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadModelWeights } from './load-model-weights';

describe('loadModelWeights', () => {
  let dir: string;
  let store: Store;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'branchscope-weights-'));
    store = openStore(join(dir, 'store.db'));
    const graph = alexnetGraph();
    await insertModelsIfAbsent(store, [
      { id: modelId('seeded'), name: 'A', family: 'alexnet', graph, weights: { kind: 'seeded', seed: 1 } },
      { id: modelId('lost'), name: 'B', family: 'imported', graph, weights: { kind: 'stored', key: 'f'.repeat(64) } },
    ]);
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('resolves seeded weights as weightsForModel does', async () => {
    const weights = await loadModelWeights(storeJobData(store).reads, (await getModel(store, 'seeded'))!);
    expect(weights.conv('conv1').shape).toEqual([96, 3, 11, 11]);
  });

  it('names the model and the key when a stored weights blob is missing', async () => {
    await expect(loadModelWeights(storeJobData(store).reads, (await getModel(store, 'lost'))!)).rejects.toThrow(`model 'lost': its weights blob ${'f'.repeat(64)} is not in the store`);
  });
});
