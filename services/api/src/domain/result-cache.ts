import type { ResultRecord, Store } from '@branchscope/store';

/** Parsed results kept per store, the most recently read first to stay. */
export const RESULT_CACHE_ENTRIES = 16;

const caches = new WeakMap<Store, Map<string, ResultRecord<unknown>>>();

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const item of Object.values(value)) deepFreeze(item);
  }
  return value;
}

/**
 * The result stored under `key`, read with `read` once and then served parsed from memory. Results are
 * content-addressed and never overwritten or deleted (`putResult` keeps the first row), so a parsed one stays true:
 * an SVD of AlexNet's conv1 → conv2 is 0.5 MB of JSON, whose parse was a third of each `svdFactors` request's time
 * under load (bench/api-load.ts). An absent result is not remembered (its job may store it any moment). The
 * {@link RESULT_CACHE_ENTRIES} most recently read results of each store are kept, deep-frozen, so a view that
 * changed one would throw rather than change what later requests get.
 */
export async function cachedResult<V>(store: Store, key: string, read: () => Promise<ResultRecord<V> | undefined>): Promise<ResultRecord<V> | undefined> {
  let cache = caches.get(store);
  if (!cache) caches.set(store, (cache = new Map()));
  const hit = cache.get(key);
  if (hit) {
    // Map keeps insertion order: moved to the end, it is the last to be dropped.
    cache.delete(key);
    cache.set(key, hit);
    return hit as ResultRecord<V>;
  }
  const record = await read();
  if (!record) return undefined;
  cache.set(key, deepFreeze(record));
  if (cache.size > RESULT_CACHE_ENTRIES) cache.delete(cache.keys().next().value!);
  return record;
}
