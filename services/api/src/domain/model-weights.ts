import { getModelSource } from '@branchscope/store';
import type { ApiDeps } from './api-deps';
import type { ModelView } from './model-view';
import { trainingRecord } from './training-record';
import { describeWeights, type WeightsDescription } from './weights-description';

/** The description of a model's weights, with its import source or its training record looked up. */
export async function findWeightsDescription(deps: ApiDeps, model: ModelView): Promise<WeightsDescription> {
  const weights = model.storedWeights;
  const source = weights.kind === 'stored' ? ((await getModelSource(deps.store, model.id)) ?? null) : null;
  const path = weights.kind === 'checkpoint' && typeof weights.path === 'string' ? weights.path : null;
  return describeWeights(weights, { source, training: path === null ? null : trainingRecord(path) });
}
