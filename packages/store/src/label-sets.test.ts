import { beforeEach, describe, expect, it } from 'vitest';
import { createLabelSet, getLabelSet, insertLabelSetIfAbsent, listLabelSets } from './label-sets';
import { listLabels } from './labels';
import { insertModelsIfAbsent } from './models';
import type { Store } from './open-store';
import { alexnetModel } from './testing/temp-store';
import { STORE_DIALECTS, testStores } from './testing/test-stores';

const human = { modelId: 'alexnet', name: 'my labels', source: 'human' as const, author: 'ada' };

describe.each(STORE_DIALECTS)('label sets (%s)', (dialect) => {
  const stores = testStores(dialect);
  let store: Store;
  beforeEach(async () => {
    store = await stores.open();
    await insertModelsIfAbsent(store, [alexnetModel()]);
  });

  it('stores a set with its labels, their authors defaulting to the set author', async () => {
    const set = await createLabelSet(store, { ...human, id: 'h1' }, [{ layer: 'conv1', unit: 3, category: 'color' }]);
    expect(set).toMatchObject({ id: 'h1', modelId: 'alexnet', source: 'human', author: 'ada', params: {}, labelCount: 1 });
    expect(await listLabels(store, 'h1')).toMatchObject([{ layer: 'conv1', unit: 3, category: 'color', author: 'ada' }]);
  });

  it('gives a set without an id one named after its source', async () => {
    const set = await createLabelSet(store, { ...human, source: 'rule', params: { colorAtLeast: 0.6 } });
    expect(set.id).toMatch(/^rule:[0-9a-f-]{36}$/);
    expect(set.params).toEqual({ colorAtLeast: 0.6 });
  });

  it('rejects a unit beyond the layer, naming the layer, unit and limit, and stores nothing', async () => {
    const labels = [
      { layer: 'conv1', unit: 0, category: 'color' },
      { layer: 'conv1', unit: 96, category: 'color' },
    ];
    await expect(createLabelSet(store, { ...human, id: 'h1' }, labels)).rejects.toThrow(
      "cannot store label set 'h1': label 1: unit 96 is out of range for layer 'conv1', which has 96 units (0 to 95)",
    );
    expect(await getLabelSet(store, 'h1')).toBeUndefined();
    expect(await listLabels(store, 'h1')).toEqual([]);
  });

  it('rejects a layer the model does not have, naming it', async () => {
    await expect(createLabelSet(store, human, [{ layer: 'conv9', unit: 0, category: 'c' }])).rejects.toThrow(/model 'alexnet' has no layer 'conv9'/);
  });

  it('rejects a set for a model that is not stored', async () => {
    await expect(createLabelSet(store, { ...human, modelId: 'vgg' })).rejects.toThrow(/model 'vgg' is not stored/);
  });

  it('rejects two labels for one unit of a human set', async () => {
    const labels = [
      { layer: 'conv1', unit: 1, category: 'a' },
      { layer: 'conv1', unit: 1, category: 'b' },
    ];
    await expect(createLabelSet(store, { ...human, id: 'h' }, labels)).rejects.toThrow(/label 1 gives layer 'conv1' unit 1 a second label \(first in label 0\)/);
  });

  it('lets a rule set give one unit a label in each dimension', async () => {
    const labels = [
      { layer: 'conv1', unit: 1, category: 'color' },
      { layer: 'conv1', unit: 1, category: 'low-frequency' },
    ];
    expect((await createLabelSet(store, { ...human, source: 'rule', author: 'rules' }, labels)).labelCount).toBe(2);
  });

  it('refuses an id that is already stored and keeps the stored set', async () => {
    await createLabelSet(store, { ...human, id: 'h1' }, [{ layer: 'conv1', unit: 3, category: 'color' }]);
    await expect(createLabelSet(store, { ...human, id: 'h1', name: 'other' })).rejects.toThrow(/label set with this id is already stored/);
    expect((await getLabelSet(store, 'h1'))?.name).toBe('my labels');
  });

  it('inserts a set if absent and leaves it untouched the second time', async () => {
    const first = await insertLabelSetIfAbsent(store, { ...human, id: 'p', source: 'published' }, [{ layer: 'conv2', unit: 200, category: 'x' }]);
    const second = await insertLabelSetIfAbsent(store, { ...human, id: 'p', source: 'published' }, []);
    expect([first, second]).toEqual([true, false]);
    expect((await getLabelSet(store, 'p'))?.labelCount).toBe(1);
  });

  it('lists the sets of one model, oldest first', async () => {
    await insertModelsIfAbsent(store, [alexnetModel('other')]);
    await createLabelSet(store, { ...human, id: 'a' });
    await createLabelSet(store, { ...human, id: 'b', modelId: 'other' });
    await createLabelSet(store, { ...human, id: 'c' });
    expect((await listLabelSets(store, { modelId: 'alexnet' })).map((set) => set.id)).toEqual(['a', 'c']);
  });

  it('rejects params that are not an object', async () => {
    await expect(createLabelSet(store, { ...human, params: [1] as unknown as Record<string, unknown> })).rejects.toThrow(/params must be a JSON object/);
  });
});
