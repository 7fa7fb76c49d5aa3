import type { ResultRecord, Store } from '@branchscope/store';

/** Parsed results kept per store at most, the most recently read staying. */
export const RESULT_CACHE_ENTRIES = 16;
/** And at most this many bytes of them per store (8 per number, 2 per string character, 8 per other value). */
export const RESULT_CACHE_BYTES = 64 * 1024 * 1024;

export interface ResultCacheLimits {
  entries: number;
  bytes: number;
}

const LIMITS: ResultCacheLimits = { entries: RESULT_CACHE_ENTRIES, bytes: RESULT_CACHE_BYTES };

interface Entry {
  record: ResultRecord<unknown>;
  bytes: number;
}

interface Cache {
  entries: Map<string, Entry>;
  bytes: number;
}

const caches = new WeakMap<Store, Cache>();

/** Freezes `value` and everything in it; returns about how many bytes it holds. */
function freezeAndMeasure(value: unknown): number {
  if (typeof value === 'string') return 2 * value.length;
  if (value === null || typeof value !== 'object') return 8;
  Object.freeze(value);
  let bytes = 8;
  for (const item of Object.values(value)) bytes += freezeAndMeasure(item);
  return bytes;
}

/**
 * The result stored under `key`, read with `read` once and then served parsed from memory. Results are
 * content-addressed and never overwritten or deleted (`putResult` keeps the first row), so a parsed one stays true:
 * an SVD of AlexNet's conv1 → conv2 is 0.5 MB of JSON, whose parse was a third of each `svdFactors` request's time
 * under load (bench/api-load.ts). An absent result is not remembered (its job may store it any moment). Each store
 * keeps its most recently read results, at most {@link RESULT_CACHE_ENTRIES} and {@link RESULT_CACHE_BYTES} (a larger
 * one is parsed on each read), deep-frozen, so a view that changed one would throw rather than change what later
 * requests get. `limits` replaces those bounds (tests).
 */
export async function cachedResult<V>(
  store: Store,
  key: string,
  read: () => Promise<ResultRecord<V> | undefined>,
  limits: ResultCacheLimits = LIMITS,
): Promise<ResultRecord<V> | undefined> {
  let cache = caches.get(store);
  if (!cache) caches.set(store, (cache = { entries: new Map(), bytes: 0 }));
  const hit = cache.entries.get(key);
  if (hit) {
    // A Map keeps insertion order: moved to the end, it is the last to be dropped.
    cache.entries.delete(key);
    cache.entries.set(key, hit);
    return hit.record as ResultRecord<V>;
  }
  const record = await read();
  if (!record || cache.entries.has(key)) return record;
  const bytes = freezeAndMeasure(record);
  if (bytes > limits.bytes) return record;
  cache.entries.set(key, { record, bytes });
  cache.bytes += bytes;
  for (const [oldest, entry] of cache.entries) {
    if (cache.entries.size <= limits.entries && cache.bytes <= limits.bytes) break;
    cache.entries.delete(oldest);
    cache.bytes -= entry.bytes;
  }
  return record;
}
