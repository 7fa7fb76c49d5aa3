import { beforeEach, describe, expect, it } from 'vitest';
import { createLabelSet } from './label-sets';
import { listLabels, removeUnitLabel, setUnitLabel } from './labels';
import { insertModelsIfAbsent } from './models';
import type { Store } from './open-store';
import { alexnetModel } from './testing/temp-store';
import { STORE_DIALECTS, testStores } from './testing/test-stores';

describe.each(STORE_DIALECTS)('labels (%s)', (dialect) => {
  const stores = testStores(dialect);
  let store: Store;
  beforeEach(async () => {
    store = await stores.open();
    await insertModelsIfAbsent(store, [alexnetModel()]);
    await createLabelSet(store, { id: 'h', modelId: 'alexnet', name: 'mine', source: 'human', author: 'ada' }, [
      { layer: 'conv1', unit: 0, category: 'color' },
    ]);
  });

  it('records a label with its author and time', async () => {
    const label = await setUnitLabel(store, 'h', { layer: 'conv1', unit: 5, category: 'black-and-white', author: 'bob', at: '2024-01-02T03:04:05.000Z' });
    expect(label).toEqual({ labelSetId: 'h', layer: 'conv1', unit: 5, category: 'black-and-white', author: 'bob', at: '2024-01-02T03:04:05.000Z' });
    expect(await listLabels(store, 'h', { layer: 'conv1' })).toHaveLength(2);
  });

  it('replaces the label of a unit labelled again, with the new author and time', async () => {
    await setUnitLabel(store, 'h', { layer: 'conv1', unit: 0, category: 'black-and-white', author: 'bob' });
    const labels = await listLabels(store, 'h');
    expect(labels.map((l) => [l.unit, l.category, l.author])).toEqual([[0, 'black-and-white', 'bob']]);
    expect(Date.parse(labels[0]!.at)).not.toBeNaN();
  });

  it('rejects a unit beyond the layer, naming the limit, and keeps the labels stored', async () => {
    await expect(setUnitLabel(store, 'h', { layer: 'conv1', unit: 96, category: 'x', author: 'bob' })).rejects.toThrow(
      "unit 96 is out of range for layer 'conv1', which has 96 units (0 to 95)",
    );
    expect((await listLabels(store, 'h')).map((l) => l.category)).toEqual(['color']);
  });

  it('rejects an unknown label set, naming it', async () => {
    await expect(setUnitLabel(store, 'nope', { layer: 'conv1', unit: 0, category: 'x', author: 'bob' })).rejects.toThrow(
      "cannot label layer 'conv1' unit 0 in label set 'nope': no label set with this id is stored",
    );
  });

  it('refuses to edit a published set unit by unit', async () => {
    await createLabelSet(store, { id: 'p', modelId: 'alexnet', name: 'paper', source: 'published', author: 'paper' });
    await expect(setUnitLabel(store, 'p', { layer: 'conv1', unit: 0, category: 'x', author: 'bob' })).rejects.toThrow(
      /it is a published set, and only human label sets are edited unit by unit/,
    );
  });

  it('rejects an empty author', async () => {
    await expect(setUnitLabel(store, 'h', { layer: 'conv1', unit: 1, category: 'x', author: ' ' })).rejects.toThrow(/empty author/);
  });

  it('removes a unit label and reports how many it removed', async () => {
    expect(await removeUnitLabel(store, 'h', 'conv1', 0)).toBe(1);
    expect(await removeUnitLabel(store, 'h', 'conv1', 0)).toBe(0);
    expect(await listLabels(store, 'h')).toEqual([]);
  });

  it('rejects removing from a layer the model does not have', async () => {
    await expect(removeUnitLabel(store, 'h', 'conv9', 0)).rejects.toThrow(/model 'alexnet' has no layer 'conv9'/);
  });
});
