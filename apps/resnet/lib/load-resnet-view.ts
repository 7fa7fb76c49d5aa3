import { ModelQuery, ModelsQuery, apiUrlFromEnv, createBranchscopeClient, query } from '@branchscope/client';
import type { ModelDetail, ModelSummary } from '@branchscope/client';
import { RESNET_FAMILY } from './view-scope';
import { ViewInputError } from './view-input-error';

export interface ResnetView {
  model: ModelDetail;
  /** The catalogue's ResNet models, for the picker. */
  resnets: ModelSummary[];
}

/**
 * Loads the ResNet model `modelId` with its layers and branched blocks.
 *
 * @throws ViewInputError naming the id and the ResNet models there are, when `modelId` is not one of them;
 *   BranchscopeQueryError when the API fails or is unreachable.
 */
export async function loadResnetView(modelId: string): Promise<ResnetView> {
  const client = createBranchscopeClient(apiUrlFromEnv());
  const [{ models }, { model }] = await Promise.all([query(client, ModelsQuery, {}), query(client, ModelQuery, { id: modelId })]);
  const resnets = models.filter((m) => m.family === RESNET_FAMILY);
  if (!model || model.family !== RESNET_FAMILY) {
    const what = model ? `'${modelId}' is of family ${model.family}, not ${RESNET_FAMILY}` : `the API has no model '${modelId}'`;
    throw new ViewInputError(`${what}; ResNet models: ${resnets.map((m) => m.id).join(', ')}`);
  }
  return { model, resnets };
}
