import { beforeEach, describe, expect, it } from 'vitest';
import { renameModels } from './model-names';
import { getModel, insertModelsIfAbsent } from './models';
import type { Store } from './open-store';
import { alexnetModel } from './testing/temp-store';
import { STORE_DIALECTS, testStores } from './testing/test-stores';

describe.each(STORE_DIALECTS)('renameModels (%s)', (dialect) => {
  const stores = testStores(dialect);
  let store: Store;
  beforeEach(async () => {
    store = await stores.open();
    await insertModelsIfAbsent(store, [alexnetModel('alexnet'), alexnetModel('other')]);
  });

  it('renames the rows whose name differs and returns their ids', async () => {
    const renamed = await renameModels(store, [
      { id: 'alexnet', name: 'AlexNet (BVLC topology, random weights)' },
      { id: 'other', name: 'AlexNet (BVLC)' },
      { id: 'absent', name: 'Nobody' },
    ]);
    expect(renamed).toEqual(['alexnet']);
    expect((await getModel(store, 'alexnet'))?.name).toBe('AlexNet (BVLC topology, random weights)');
    expect((await getModel(store, 'other'))?.name).toBe('AlexNet (BVLC)');
    expect(await getModel(store, 'absent')).toBeUndefined();
  });

  it('keeps the graph, weights and creation time of a renamed row', async () => {
    const before = (await getModel(store, 'alexnet'))!;
    await renameModels(store, [{ id: 'alexnet', name: 'Renamed' }]);
    const after = (await getModel(store, 'alexnet'))!;
    expect({ ...after, name: before.name }).toEqual(before);
  });

  it('refuses an empty name and renames nothing', async () => {
    await expect(renameModels(store, [{ id: 'alexnet', name: 'Fine' }, { id: 'other', name: ' ' }])).rejects.toThrow(
      "cannot rename model 'other' to an empty name",
    );
    expect((await getModel(store, 'alexnet'))?.name).toBe('AlexNet (BVLC)');
  });
});
