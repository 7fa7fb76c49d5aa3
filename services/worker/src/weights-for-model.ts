import type { Graph } from '@branchscope/core';
import { seededWeights, type WeightSource } from '@branchscope/nn';
import type { ModelRecord } from '@branchscope/store';

/**
 * The weight source a model record points at. Only seeded weights exist so far; imported weights (ONNX,
 * TF.js) add a case here. Throws naming the model and the unsupported kind.
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
  throw new Error(`model '${model.id}': weights of kind '${spec.kind}' are not supported by this worker (supported: seeded)`);
}
