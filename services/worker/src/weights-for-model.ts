import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Graph } from '@branchscope/core';
import { checkpointWeightsSync } from '@branchscope/training';
import { seededWeights, type WeightSource } from '@branchscope/runtime';
import type { ModelRecord } from '@branchscope/store';

/** Relative checkpoint paths are taken from the repository root, three folders above this file. */
const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Committed folders that moved, old prefix to new: a database written before keeps the old relative paths. */
const MOVED_FOLDERS: ReadonlyArray<readonly [string, string]> = [['packages/nn/demo-models/', 'packages/training/demo-models/']];

/** A record's relative checkpoint path as it is in this version of the repository. */
function currentPath(dir: string): string {
  const moved = MOVED_FOLDERS.find(([from]) => dir.startsWith(from));
  return moved ? moved[1] + dir.slice(moved[0].length) : dir;
}

/**
 * The weight source a model record points at: `seeded` (a seed) or `checkpoint` (a training checkpoint
 * folder, such as a committed demo model; a relative path is resolved from the repository root). Throws
 * naming the model and the unsupported kind or the unreadable checkpoint.
 */
export function weightsForModel(model: ModelRecord, graph: Graph): WeightSource {
  const spec = model.weights;
  if (spec.kind === 'seeded') {
    const seed = (spec as { seed?: unknown }).seed;
    if (typeof seed !== 'number' || !Number.isFinite(seed)) {
      throw new Error(`model '${model.id}': seeded weights need a finite numeric seed, got ${JSON.stringify(seed)}`);
    }
    return seededWeights(graph, seed);
  }
  if (spec.kind === 'checkpoint') {
    const dir = (spec as { path?: unknown }).path;
    if (typeof dir !== 'string' || dir === '') throw new Error(`model '${model.id}': checkpoint weights need a path, got ${JSON.stringify(dir)}`);
    try {
      return checkpointWeightsSync(path.resolve(REPO_ROOT, currentPath(dir)));
    } catch (error) {
      throw new Error(`model '${model.id}': ${(error as Error).message}`, { cause: error });
    }
  }
  throw new Error(`model '${model.id}': weights of kind '${spec.kind}' are not supported by this worker (supported: seeded, checkpoint)`);
}
