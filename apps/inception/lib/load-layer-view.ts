import {
  EnrichmentQuery,
  LabelSetQuery,
  LabelSetsQuery,
  ModelQuery,
  apiUrlFromEnv,
  createBranchscopeClient,
  query,
} from '@branchscope/client';
import type { BranchedBlock, EnrichmentPopulation, EnrichmentRow, LabelSet, LabelSetSummary } from '@branchscope/client';
import { DEFAULT_POPULATION } from './enrichment-population';
import { MODEL_ID, PUBLISHED_SET_ID } from './view-scope';
import { ViewInputError } from './view-input-error';

/** Everything one layer's page shows, fetched from the API for one request. */
export interface LayerView {
  layer: string;
  block: BranchedBlock;
  /** Outputs of the model's Concat blocks, in network order: the layers that can be opened. */
  concatLayers: string[];
  labelSets: LabelSetSummary[];
  /** The chosen set, with its labels of `layer` only. */
  labelSet: LabelSet;
  enrichment: EnrichmentRow[];
  /** What the enrichment's chance draws from. */
  population: EnrichmentPopulation;
  /** Categories the published set uses in `layer`: offered when labelling. */
  publishedCategories: string[];
}

/**
 * Loads `layer` of InceptionV1 with the label set `labelSetId` (the published set when null), its enrichment's
 * chance drawn from `population` (all units by default).
 *
 * @throws ViewInputError naming the layer or set (and what exists) when the URL names something unknown;
 *   BranchscopeQueryError when the API fails or is unreachable.
 */
export async function loadLayerView(
  layer: string,
  labelSetId: string | null,
  population: EnrichmentPopulation = DEFAULT_POPULATION,
): Promise<LayerView> {
  const client = createBranchscopeClient(apiUrlFromEnv());
  const [{ model }, { labelSets }] = await Promise.all([
    query(client, ModelQuery, { id: MODEL_ID }),
    query(client, LabelSetsQuery, { modelId: MODEL_ID }),
  ]);
  if (!model) throw new ViewInputError(`the API has no model '${MODEL_ID}'`);
  const concat = model.branchedBlocks.filter((b) => b.kind === 'CONCAT');
  const block = concat.find((b) => b.output === layer);
  if (!block) {
    throw new ViewInputError(`layer '${layer}' is not the output of a Concat block of ${MODEL_ID}; those are: ${concat.map((b) => b.output).join(', ')}`);
  }
  const setId = labelSetId ?? PUBLISHED_SET_ID;
  if (!labelSets.some((s) => s.id === setId)) {
    throw new ViewInputError(`${MODEL_ID} has no label set '${setId}'; its sets are: ${labelSets.map((s) => s.id).join(', ')}`);
  }
  const [{ labelSet }, { enrichment }, published] = await Promise.all([
    query(client, LabelSetQuery, { id: setId, layer }),
    query(client, EnrichmentQuery, { modelId: MODEL_ID, labelSetId: setId, layer, population }),
    setId === PUBLISHED_SET_ID || !labelSets.some((s) => s.id === PUBLISHED_SET_ID)
      ? null
      : query(client, LabelSetQuery, { id: PUBLISHED_SET_ID, layer }),
  ]);
  if (!labelSet) throw new ViewInputError(`label set '${setId}' disappeared while the page loaded`);
  const publishedLabels = (published?.labelSet ?? labelSet).labels;
  return {
    layer,
    block,
    concatLayers: concat.map((b) => b.output),
    labelSets,
    labelSet,
    enrichment,
    population,
    publishedCategories: [...new Set(publishedLabels.map((l) => l.category))],
  };
}
