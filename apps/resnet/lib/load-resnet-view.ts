import { ModelQuery, ModelsQuery, apiUrlFromEnv, createBranchscopeClient, query } from '@branchscope/client';
import type { ModelDetail, ModelSummary } from '@branchscope/client';
import { ViewInputError } from './view-input-error';

export interface ResnetView {
  model: ModelDetail;
  /** The catalogue's models with residual blocks (the API's RESNET view), for the picker. */
  resnets: ModelSummary[];
}

/**
 * Loads the model `modelId` with its layers and branched blocks, when the API says the ResNet view can show it (it
 * has residual blocks).
 *
 * @throws ViewInputError naming the id and the models the view can show, when `modelId` is not one of them;
 *   BranchscopeQueryError when the API fails or is unreachable.
 */
export async function loadResnetView(modelId: string): Promise<ResnetView> {
  const client = createBranchscopeClient(apiUrlFromEnv());
  const [{ models }, { model }] = await Promise.all([query(client, ModelsQuery, {}), query(client, ModelQuery, { id: modelId })]);
  const resnets = models.filter((m) => m.views.includes('RESNET'));
  if (!model || !model.views.includes('RESNET')) {
    const what = model
      ? `'${modelId}' has no residual blocks (its views: ${model.views.join(', ') || 'none'})`
      : `the API has no model '${modelId}'`;
    throw new ViewInputError(`${what}; models with residual blocks: ${resnets.map((m) => m.id).join(', ')}`);
  }
  return { model, resnets };
}
