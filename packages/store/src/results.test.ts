import { modelId } from '@branchscope/core';
import { beforeEach, describe, expect, it } from 'vitest';
import { contentKey } from './content-key';
import { insertModelsIfAbsent } from './models';
import type { Store } from './open-store';
import { getResult, putResult } from './results';
import { alexnetModel } from './testing/temp-store';
import { STORE_DIALECTS, testStores } from './testing/test-stores';

const params = { from: 'conv1', to: 'conv2', centered: false };
const key = contentKey('svd-factors', 'alexnet', params);
const result = (value: unknown) => ({ key, kind: 'svd-factors', modelId: modelId('alexnet'), params, value, jobId: null });

describe.each(STORE_DIALECTS)('results (%s)', (dialect) => {
  const stores = testStores(dialect);
  let store: Store;
  beforeEach(async () => {
    store = await stores.open();
    await insertModelsIfAbsent(store, [alexnetModel()]);
  });

  it('reads back the value stored under a key', async () => {
    await putResult(store, result({ singularValues: [3, 2, 1] }));
    const stored = await getResult(store, key);
    expect(stored?.value).toEqual({ singularValues: [3, 2, 1] });
    expect(stored?.params).toEqual(params);
  });

  it('keeps the first value when the same key is stored again', async () => {
    await putResult(store, result({ n: 1 }));
    const second = await putResult(store, result({ n: 2 }));
    expect(second.value).toEqual({ n: 1 });
  });

  it('rejects a value holding NaN and keeps the stored row', async () => {
    await putResult(store, result({ n: 1 }));
    const other = { ...result({ values: [1, Number.NaN] }), key: contentKey('svd-factors', 'alexnet', { other: true }) };
    await expect(putResult(store, other)).rejects.toThrow(/\$\.values\[1\] is NaN, not a finite number/);
    expect(await getResult(store, other.key)).toBeUndefined();
    expect((await getResult(store, key))?.value).toEqual({ n: 1 });
  });

  it('rejects a result for a model that is not stored', async () => {
    await expect(putResult(store, { ...result({}), modelId: modelId('ghost') })).rejects.toThrow(/model 'ghost' is not stored/);
  });

  it('returns undefined for a key nothing is stored under', async () => {
    expect(await getResult(store, 'missing')).toBeUndefined();
  });
});
