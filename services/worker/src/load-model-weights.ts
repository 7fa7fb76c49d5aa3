import { deserializeWeights, readWeightsFile, type WeightSource } from '@branchscope/runtime';
import type { JobReads } from '@branchscope/jobs';
import type { ModelRecord } from '@branchscope/store';
import { weightsForModel } from './weights-for-model';

/** Deserialized stored weights by blob key; imported models are a few MB to a few hundred, so keep only a couple. */
const cache = new Map<string, WeightSource>();
const CACHE_ENTRIES = 2;

async function storedWeights(reads: JobReads, model: ModelRecord, key: unknown): Promise<WeightSource> {
  if (typeof key !== 'string' || key.length === 0) throw new Error(`model '${model.id}': stored weights need a key, got ${JSON.stringify(key)}`);
  const hit = cache.get(key);
  if (hit) {
    // Re-insert so the entry counts as most recently used.
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const blob = await reads.weightsBlob(key);
  if (!blob) throw new Error(`model '${model.id}': its weights blob ${key} is not in the store`);
  const owner = `model '${model.id}' weights`;
  // Large blobs lie in a file: read straight into one array. Small ones (and those stored before) come as bytes.
  const weights = 'file' in blob ? await readWeightsFile(blob.file, owner) : deserializeWeights(blob.bytes, owner);
  cache.set(key, weights);
  while (cache.size > CACHE_ENTRIES) cache.delete(cache.keys().next().value!);
  return weights;
}

/**
 * The weight source of a model record: `{ kind: 'stored', key }` (imported models: a `serializeWeights` blob
 * in the store's artifacts, in its row or in a blob file) is read through the job's reads and cached by key; every other kind is resolved by
 * {@link weightsForModel}. Throws naming the model when the blob is missing or damaged.
 */
export async function loadModelWeights(reads: JobReads, model: ModelRecord): Promise<WeightSource> {
  if (model.weights.kind === 'stored') return storedWeights(reads, model, (model.weights as { key?: unknown }).key);
  return weightsForModel(model, model.graph);
}
