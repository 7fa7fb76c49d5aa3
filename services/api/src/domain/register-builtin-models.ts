import { builtinArchitectures } from '@branchscope/core';
import { insertModelsIfAbsent, renameModels, type NewModel, type Store } from '@branchscope/store';
import { demoModels } from './demo-models';
import { randomWeightsName } from './random-weights-name';

/** The seed of the built-in models' weights, so every number they give is reproducible. */
export const BUILTIN_WEIGHT_SEED = 1;

/** Every built-in architecture as a model with seeded random weights, its name saying so. */
export function seededBuiltinModels(): NewModel[] {
  return builtinArchitectures().map((arch) => ({
    id: arch.id,
    name: randomWeightsName(arch.name),
    family: arch.family,
    graph: arch.build(),
    weights: { kind: 'seeded', seed: BUILTIN_WEIGHT_SEED },
  }));
}

/**
 * Stores every built-in architecture (AlexNet BVLC, InceptionV1, ResNets, the small variants) with seeded
 * weights, then the committed trained demo models (`demo-*`, checkpoint weights), leaving models already stored
 * untouched but for their names: a database from an earlier version gets today's names (e.g. "random weights").
 * Returns the ids it added.
 */
export async function registerBuiltinModels(store: Store): Promise<string[]> {
  const models = [...seededBuiltinModels(), ...demoModels()];
  const added = await insertModelsIfAbsent(store, models);
  await renameModels(store, models.map(({ id, name }) => ({ id, name })));
  return added;
}
