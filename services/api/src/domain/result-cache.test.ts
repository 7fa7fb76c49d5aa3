import { modelId, smallAlexnetGraph } from '@branchscope/core';
import { getResult, insertModelsIfAbsent, openStore, putResult, type ResultKey, type Store } from '@branchscope/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cachedResult, RESULT_CACHE_BYTES, RESULT_CACHE_ENTRIES } from './result-cache';

describe('cachedResult', () => {
  let store: Store;
  let reads: number;
  const read = (key: string) => () => {
    reads++;
    return getResult<{ values: number[] }>(store, key);
  };
  const put = (key: string, values: number[]) =>
    putResult(store, { key: key as ResultKey, kind: 'test', modelId: modelId('m'), params: {}, value: { values }, jobId: null });

  beforeEach(async () => {
    store = openStore(':memory:');
    await insertModelsIfAbsent(store, [{ id: modelId('m'), name: 'm', family: 'alexnet', graph: smallAlexnetGraph({ branches: 2 }), weights: { kind: 'seeded', seed: 1 } }]);
    reads = 0;
  });
  afterEach(() => store.close());

  it('reads a stored result once and serves the same parsed, frozen record after', async () => {
    await put('a', [1, 2, 3]);
    const first = await cachedResult(store, 'a', read('a'));
    const second = await cachedResult(store, 'a', read('a'));
    expect(reads).toBe(1);
    expect(second).toBe(first);
    expect(second?.value.values).toEqual([1, 2, 3]);
    expect(() => (second!.value.values as number[]).push(4)).toThrow(TypeError);
  });

  it('does not remember an absent result: once stored, the next read finds it', async () => {
    expect(await cachedResult(store, 'later', read('later'))).toBeUndefined();
    await put('later', [7]);
    expect((await cachedResult(store, 'later', read('later')))?.value.values).toEqual([7]);
    expect(reads).toBe(2);
  });

  it(`keeps the ${RESULT_CACHE_ENTRIES} most recently read results of a store`, async () => {
    const keys = Array.from({ length: RESULT_CACHE_ENTRIES + 1 }, (_, i) => `k${i}`);
    for (const [i, key] of keys.entries()) await put(key, [i]);
    for (const key of keys.slice(0, -1)) await cachedResult(store, key, read(key));
    await cachedResult(store, 'k0', read('k0')); // k0 read again: k1 is now the least recent
    await cachedResult(store, keys.at(-1)!, read(keys.at(-1)!)); // one too many: k1 goes
    reads = 0;
    await cachedResult(store, 'k0', read('k0'));
    expect(reads).toBe(0);
    await cachedResult(store, 'k1', read('k1'));
    expect(reads).toBe(1);
  });

  it('keeps no more bytes than its bound: the least recent go first, and a result larger than it is read each time', async () => {
    const limits = { entries: RESULT_CACHE_ENTRIES, bytes: 1200 };
    // 8 bytes a number: a result of 50 is over 400 bytes and under 600 with its other fields (two fit, not three);
    // one of 200 is over 1600.
    await put('a', new Array(50).fill(1));
    await put('b', new Array(50).fill(2));
    await put('c', new Array(50).fill(3));
    await put('large', new Array(200).fill(4));
    for (const key of ['a', 'b', 'c']) await cachedResult(store, key, read(key), limits); // 'a' dropped for 'c'
    reads = 0;
    await cachedResult(store, 'c', read('c'), limits);
    await cachedResult(store, 'b', read('b'), limits);
    expect(reads).toBe(0);
    await cachedResult(store, 'a', read('a'), limits);
    expect(reads).toBe(1);
    await cachedResult(store, 'large', read('large'), limits);
    expect((await cachedResult(store, 'large', read('large'), limits))?.value.values).toHaveLength(200);
    expect(reads).toBe(3);
    expect(RESULT_CACHE_BYTES).toBe(64 * 2 ** 20);
  });

  it('keeps each store’s results apart', async () => {
    await put('a', [1]);
    await cachedResult(store, 'a', read('a'));
    const other = openStore(':memory:');
    try {
      expect(await cachedResult(other, 'a', () => getResult(other, 'a'))).toBeUndefined();
    } finally {
      await other.close();
    }
  });
});
