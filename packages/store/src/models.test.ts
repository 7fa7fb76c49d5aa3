import { join } from 'node:path';
import { modelId } from '@branchscope/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getModel, insertModelsIfAbsent, listModels } from './models';
import { openStore, type Store } from './open-store';
import { alexnetModel, tempDir } from './testing/temp-store';

describe('models', () => {
  let temp: ReturnType<typeof tempDir>;
  let store: Store;
  beforeEach(() => {
    temp = tempDir();
    store = openStore(join(temp.dir, 'store.db'));
  });
  afterEach(async () => {
    await store.close();
    temp.remove();
  });

  it('reads back the graph and weights it stored', async () => {
    const model = alexnetModel();
    await insertModelsIfAbsent(store, [model]);
    const stored = await getModel(store, 'alexnet');
    expect(stored?.graph).toEqual(model.graph);
    expect(stored?.weights).toEqual({ kind: 'seeded', seed: 1 });
  });

  it('leaves an existing model untouched when the same id is inserted again', async () => {
    await insertModelsIfAbsent(store, [alexnetModel()]);
    const inserted = await insertModelsIfAbsent(store, [{ ...alexnetModel(), name: 'Renamed', weights: { kind: 'seeded', seed: 7 } }]);
    const stored = await getModel(store, 'alexnet');
    expect(inserted).toEqual([]);
    expect(stored?.name).toBe('AlexNet (BVLC)');
    expect(stored?.weights).toEqual({ kind: 'seeded', seed: 1 });
  });

  it('inserts nothing from a batch that holds one invalid model, and keeps the rows already there', async () => {
    await insertModelsIfAbsent(store, [alexnetModel('kept')]);
    const broken = { ...alexnetModel('broken'), weights: { kind: 'seeded', seed: Number.NaN } };
    await expect(insertModelsIfAbsent(store, [alexnetModel('fine'), broken])).rejects.toThrow(
      /model 'broken' weights: \$\.seed is NaN/,
    );
    expect((await listModels(store)).map((model) => model.id)).toEqual(['kept']);
  });

  it('lists models by id', async () => {
    await insertModelsIfAbsent(store, [alexnetModel('b'), alexnetModel('a')]);
    expect((await listModels(store)).map((model) => model.id)).toEqual([modelId('a'), modelId('b')]);
  });

  it('returns undefined for an unknown id', async () => {
    expect(await getModel(store, 'nope')).toBeUndefined();
  });
});
