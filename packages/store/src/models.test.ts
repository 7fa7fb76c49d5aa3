import { modelId } from '@branchscope/core';
import { beforeEach, describe, expect, it } from 'vitest';
import { getModel, insertModelsIfAbsent, listModels } from './models';
import type { Store } from './open-store';
import { alexnetModel } from './testing/temp-store';
import { STORE_DIALECTS, testStores } from './testing/test-stores';

describe.each(STORE_DIALECTS)('models (%s)', (dialect) => {
  const stores = testStores(dialect);
  let store: Store;
  beforeEach(async () => {
    store = await stores.open();
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
