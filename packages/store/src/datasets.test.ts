import { describe, expect, it } from 'vitest';
import { getDataset, listDatasets, registerDataset } from './datasets';
import { STORE_DIALECTS, testStores } from './testing/test-stores';

describe.each(STORE_DIALECTS)('datasets (%s)', (dialect) => {
  const stores = testStores(dialect);
  it('registers a folder once, lists it and refuses another folder under its id', async () => {
    const store = await stores.open();
    const first = await registerDataset(store, { id: 'tiny', name: 'Tiny', path: '/data/tiny', images: 50, classes: ['red', 'blue'] });
    expect(first).toMatchObject({ id: 'tiny', images: 50, classes: ['red', 'blue'] });
    expect(await registerDataset(store, { id: 'other', name: 'Again', path: '/data/tiny', images: 50, classes: [] })).toEqual(first);
    await expect(registerDataset(store, { id: 'tiny', name: 'T', path: '/data/elsewhere', images: 1, classes: [] })).rejects.toThrow(
      "dataset id 'tiny' is taken by /data/tiny; cannot register /data/elsewhere under it",
    );
    expect(await getDataset(store, 'tiny')).toEqual(first);
    expect(await getDataset(store, 'none')).toBeUndefined();
    expect((await listDatasets(store)).map((d) => d.id)).toEqual(['tiny']);
    await store.close();
  });
});
