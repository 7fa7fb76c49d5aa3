import { ErrorPanel } from '@branchscope/ui';
import { EnrichmentTable } from '../../../components/enrichment-table';
import { categoryOrder } from '../../../lib/category-order';
import { describeViewError } from '../../../lib/describe-view-error';
import { parsePopulationParam, POPULATION_PARAM } from '../../../lib/enrichment-population';
import { loadLayerView } from '../../../lib/load-layer-view';
import type { LayerView } from '../../../lib/load-layer-view';
import { searchParam } from '../../../lib/search-param';
import { LAYERS, MODEL_ID } from '../../../lib/view-scope';

export const dynamic = 'force-dynamic';

interface EmbedProps {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

/**
 * `/inception/embed/enrichment?layer=mixed3a&labelSet=...&population=labelled`: one layer's enrichment table for an
 * `<iframe>`, with no site chrome and nothing to edit. Defaults: the first layer, the published set, the chance
 * drawn from all units.
 */
export default async function EmbedEnrichment({ searchParams }: EmbedProps) {
  const params = await searchParams;
  const layer = searchParam(params, 'layer') ?? LAYERS[0];
  let view: LayerView;
  try {
    view = await loadLayerView(layer, searchParam(params, 'labelSet'), parsePopulationParam(searchParam(params, POPULATION_PARAM)));
  } catch (error) {
    return (
      <main className="embed">
        <ErrorPanel title={`the enrichment of ${MODEL_ID} ${layer}`} {...describeViewError(error)} />
      </main>
    );
  }
  return (
    <main className="embed">
      <p className="embed-title">
        <strong>{MODEL_ID}</strong> {layer}: enrichment by branch, label set <em>{view.labelSet.name}</em> (
        {view.labelSet.source.toLowerCase()}, {view.labelSet.author})
      </p>
      <EnrichmentTable
        layer={layer}
        rows={view.enrichment}
        categories={categoryOrder(view.labelSet.labels)}
        population={view.population}
      />
    </main>
  );
}
