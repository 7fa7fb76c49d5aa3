import { ErrorPanel, searchParam } from '@branchscope/ui';
import { EnrichmentTable } from '../../../components/enrichment-table';
import { WeightsNotice } from '../../../components/weights-notice';
import { categoryOrder } from '../../../lib/category-order';
import { describeViewError } from '../../../lib/describe-view-error';
import { parsePopulationParam, POPULATION_PARAM } from '../../../lib/enrichment-population';
import { loadLayerView } from '../../../lib/load-layer-view';
import type { LayerView } from '../../../lib/load-layer-view';
import { DEFAULT_MODEL_ID, LAYERS } from '../../../lib/view-scope';

export const dynamic = 'force-dynamic';

interface EmbedProps {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

/**
 * `/inception/embed/enrichment?layer=mixed3a&labelSet=...&population=labelled&model=...`: one layer's enrichment
 * table for an `<iframe>`, with no site chrome and nothing to edit. Defaults: InceptionV1, the first layer, the
 * published set, the chance drawn from all units.
 */
export default async function EmbedEnrichment({ searchParams }: EmbedProps) {
  const params = await searchParams;
  const layer = searchParam(params, 'layer') ?? LAYERS[0];
  const modelId = searchParam(params, 'model') ?? DEFAULT_MODEL_ID;
  let view: LayerView;
  try {
    view = await loadLayerView(modelId, layer, searchParam(params, 'labelSet'), parsePopulationParam(searchParam(params, POPULATION_PARAM)));
  } catch (error) {
    return <ErrorPanel title={`the enrichment of ${modelId} ${layer}`} {...describeViewError(error)} />;
  }
  const { labelSet } = view;
  if (!labelSet) {
    return <ErrorPanel title={`the enrichment of ${modelId} ${layer}`} message={`${modelId} has no label set yet`} code="BAD_USER_INPUT" />;
  }
  return (
    <>
      <WeightsNotice model={view.model} inceptionModels={view.inceptionModels} compact />
      <p className="embed-title">
        <strong>{modelId}</strong> {layer}: enrichment by branch, label set <em>{labelSet.name}</em> ({labelSet.source.toLowerCase()},{' '}
        {labelSet.author})
      </p>
      <EnrichmentTable layer={layer} rows={view.enrichment} categories={categoryOrder(labelSet.labels)} population={view.population} />
    </>
  );
}
