import {
  EnrichmentQuery,
  LabelSetQuery,
  LabelSetsQuery,
  ModelQuery,
  ModelsQuery,
  apiUrlFromEnv,
  createBranchscopeClient,
  query,
} from '@branchscope/client';
import type { BranchedBlock, EnrichmentPopulation, EnrichmentRow, LabelSet, LabelSetSummary, ModelDetail, ModelSummary } from '@branchscope/client';
import { DEFAULT_POPULATION } from './enrichment-population';
import { PUBLISHED_SET_ID } from './view-scope';
import { ViewInputError } from './view-input-error';

/** Everything one layer's page shows, fetched from the API for one request. */
export interface LayerView {
  model: ModelDetail;
  /** The catalogue's models with Concat blocks (the API's INCEPTION view), in catalogue order. */
  inceptionModels: ModelSummary[];
  layer: string;
  block: BranchedBlock;
  /** Outputs of the model's Concat blocks, in network order: the layers that can be opened. */
  concatLayers: string[];
  labelSets: LabelSetSummary[];
  /** The chosen set, with its labels of `layer` only; null when the model has no label set yet. */
  labelSet: LabelSet | null;
  enrichment: EnrichmentRow[];
  /** What the enrichment's chance draws from. */
  population: EnrichmentPopulation;
  /** Categories the published set uses in `layer`: offered when labelling. */
  publishedCategories: string[];
}

/**
 * Loads `layer` of the model `modelId` with the label set `labelSetId` (when null: the published set if the model
 * has it, else its oldest set, else none), its enrichment's chance drawn from `population` (all units by default).
 *
 * @throws ViewInputError naming the model, layer or set (and what exists) when the URL names something unknown or a
 *   model without Concat blocks; BranchscopeQueryError when the API fails or is unreachable.
 */
export async function loadLayerView(
  modelId: string,
  layer: string,
  labelSetId: string | null,
  population: EnrichmentPopulation = DEFAULT_POPULATION,
): Promise<LayerView> {
  const client = createBranchscopeClient(apiUrlFromEnv());
  const [{ models }, { model }, { labelSets }] = await Promise.all([
    query(client, ModelsQuery, {}),
    query(client, ModelQuery, { id: modelId }),
    query(client, LabelSetsQuery, { modelId }),
  ]);
  const inceptionModels = models.filter((m) => m.views.includes('INCEPTION'));
  if (!model || !model.views.includes('INCEPTION')) {
    const what = model ? `model '${modelId}' has no Concat blocks (its views: ${model.views.join(', ') || 'none'})` : `the API has no model '${modelId}'`;
    throw new ViewInputError(`${what}; models with Concat blocks: ${inceptionModels.map((m) => m.id).join(', ')}`);
  }
  const concat = model.branchedBlocks.filter((b) => b.kind === 'CONCAT');
  const block = concat.find((b) => b.output === layer);
  if (!block) {
    throw new ViewInputError(`layer '${layer}' is not the output of a Concat block of ${modelId}; those are: ${concat.map((b) => b.output).join(', ')}`);
  }
  const hasPublished = labelSets.some((s) => s.id === PUBLISHED_SET_ID);
  const setId = labelSetId ?? (hasPublished ? PUBLISHED_SET_ID : (labelSets[0]?.id ?? null));
  if (setId !== null && !labelSets.some((s) => s.id === setId)) {
    throw new ViewInputError(`${modelId} has no label set '${setId}'; its sets are: ${labelSets.map((s) => s.id).join(', ') || 'none'}`);
  }
  const base = { model, inceptionModels, layer, block, concatLayers: concat.map((b) => b.output), labelSets, population };
  if (setId === null) return { ...base, labelSet: null, enrichment: [], publishedCategories: [] };
  const [{ labelSet }, { enrichment }, published] = await Promise.all([
    query(client, LabelSetQuery, { id: setId, layer }),
    query(client, EnrichmentQuery, { modelId, labelSetId: setId, layer, population }),
    setId === PUBLISHED_SET_ID || !hasPublished ? null : query(client, LabelSetQuery, { id: PUBLISHED_SET_ID, layer }),
  ]);
  if (!labelSet) throw new ViewInputError(`label set '${setId}' disappeared while the page loaded`);
  const publishedLabels = (published?.labelSet ?? labelSet).labels;
  return { ...base, labelSet, enrichment, publishedCategories: [...new Set(publishedLabels.map((l) => l.category))] };
}
