import { deserializeWeights, readWeightsFile, type WeightSource } from '@branchscope/runtime';
import { findArtifacts, getArtifact, type ModelRecord, type Store } from '@branchscope/store';
import { weightsForModel } from './weights-for-model';

/** Deserialized stored weights by blob key; imported models are a few MB to a few hundred, so keep only a couple. */
const cache = new Map<string, WeightSource>();
const CACHE_ENTRIES = 2;

async function storedWeights(store: Store, model: ModelRecord, key: unknown): Promise<WeightSource> {
  if (typeof key !== 'string' || key.length === 0) throw new Error(`model '${model.id}': stored weights need a key, got ${JSON.stringify(key)}`);
  const hit = cache.get(key);
  if (hit) {
    // Re-insert so the entry counts as most recently used.
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const info = (await findArtifacts(store, [key])).get(key);
  if (!info) throw new Error(`model '${model.id}': its weights blob ${key} is not in the store`);
  const owner = `model '${model.id}' weights`;
  // Large blobs lie in a file: read straight into one array. Small ones (and those stored before) are in the row.
  const weights = info.file ? await readWeightsFile(info.file, owner) : deserializeWeights((await getArtifact(store, key))!.bytes, owner);
  cache.set(key, weights);
  while (cache.size > CACHE_ENTRIES) cache.delete(cache.keys().next().value!);
  return weights;
}

/**
 * The weight source of a model record: `{ kind: 'stored', key }` (imported models: a `serializeWeights` blob
 * in the store's artifacts, in its row or in a blob file) is read from the store and cached by key; every other kind is resolved by
 * {@link weightsForModel}. Throws naming the model when the blob is missing or damaged.
 */
export async function loadModelWeights(store: Store, model: ModelRecord): Promise<WeightSource> {
  if (model.weights.kind === 'stored') return storedWeights(store, model, (model.weights as { key?: unknown }).key);
  return weightsForModel(model, model.graph);
}
