import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CHECKPOINT_FILE, checkpointTensors, parseCheckpointMeta } from '../training/checkpoint';
import { namedWeights } from '../training/checkpoint-weights';
import type { WeightSource } from '@branchscope/runtime';

const cache = new Map<string, WeightSource>();

/**
 * The weights of the checkpoint in `dir`, read synchronously, for callers that resolve a model's weights
 * without awaiting (the worker's `weightsForModel`). Same checks as `checkpointWeights`: the format, the
 * sha256 of the numbers and every tensor's extent. Cached per directory and checkpoint file, so a demo model
 * is read from disk once per process.
 * @throws Error naming the directory or file that is missing or damaged.
 */
export function checkpointWeightsSync(dir: string): WeightSource {
  const metaFile = path.join(dir, CHECKPOINT_FILE);
  let text: string;
  try {
    text = readFileSync(metaFile, 'utf8');
  } catch (err) {
    throw new Error(`cannot read checkpoint '${metaFile}': ${(err as Error).message}`);
  }
  const meta = parseCheckpointMeta(metaFile, text);
  const key = `${path.resolve(dir)}\u0000${meta.weightsFile}\u0000${meta.sha256}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const binFile = path.join(dir, meta.weightsFile);
  let bytes: Buffer;
  try {
    bytes = readFileSync(binFile);
  } catch (err) {
    throw new Error(`checkpoint '${metaFile}' names '${meta.weightsFile}', which cannot be read: ${(err as Error).message}`);
  }
  const tensors = checkpointTensors(meta, bytes, metaFile, binFile);
  const weights = namedWeights(`checkpoint '${dir}' (graph '${meta.graph.name}', epoch ${meta.epoch})`, meta.layers, tensors);
  cache.set(key, weights);
  return weights;
}
