import { builtinArchitectures } from '@branchscope/core';
import { insertModelsIfAbsent, type Store } from '@branchscope/store';
import { demoModels } from './demo-models';

/** The seed of the built-in models' weights, so every number they give is reproducible. */
export const BUILTIN_WEIGHT_SEED = 1;

/**
 * Stores every built-in architecture (AlexNet BVLC, InceptionV1, ResNets, the small variants) with seeded
 * weights, then the committed trained demo models (`demo-*`, checkpoint weights), leaving models already stored
 * untouched. Returns the ids it added.
 */
export async function registerBuiltinModels(store: Store): Promise<string[]> {
  const models = builtinArchitectures().map((arch) => ({
    id: arch.id,
    name: arch.name,
    family: arch.family,
    graph: arch.build(),
    weights: { kind: 'seeded', seed: BUILTIN_WEIGHT_SEED },
  }));
  return insertModelsIfAbsent(store, [...models, ...demoModels()]);
}
