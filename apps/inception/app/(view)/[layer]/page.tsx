import { ErrorPanel } from '@branchscope/ui';
import { EnrichmentTable } from '../../../components/enrichment-table';
import { LabelSetPicker } from '../../../components/label-set-picker';
import { LabellingBoard } from '../../../components/labelling-board';
import { LayerTabs } from '../../../components/layer-tabs';
import { NewLabelSetForm } from '../../../components/new-label-set-form';
import { PopulationChoice } from '../../../components/population-choice';
import { categoryOrder } from '../../../lib/category-order';
import { describeViewError } from '../../../lib/describe-view-error';
import { enrichmentHref, parsePopulationParam, POPULATION_PARAM } from '../../../lib/enrichment-population';
import { layerColumns, legendEntries } from '../../../lib/layer-columns';
import { loadLayerView } from '../../../lib/load-layer-view';
import type { LayerView } from '../../../lib/load-layer-view';
import { searchParam } from '../../../lib/search-param';
import { MODEL_ID } from '../../../lib/view-scope';

// Labels change under us and the API starts after the build: render on every request.
export const dynamic = 'force-dynamic';

interface LayerPageProps {
  params: Promise<{ layer: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export default async function LayerPage({ params, searchParams }: LayerPageProps) {
  const { layer } = await params;
  const search = await searchParams;
  const labelSetId = searchParam(search, 'labelSet');
  let view: LayerView;
  try {
    view = await loadLayerView(layer, labelSetId, parsePopulationParam(searchParam(search, POPULATION_PARAM)));
  } catch (error) {
    return (
      <>
        <h1>InceptionV1 5x5: {layer}</h1>
        <LayerTabs current={layer} labelSetId={labelSetId} />
        <ErrorPanel title={`${MODEL_ID} ${layer}`} {...describeViewError(error)} />
      </>
    );
  }
  const { labelSet } = view;
  const categories = categoryOrder(labelSet.labels);
  const columns = layerColumns(view.block, labelSet.labels, categories);
  const { population } = view;
  const embed = enrichmentHref('/inception/embed/enrichment', { layer, labelSet: labelSet.id, population });
  return (
    <>
      <h1>InceptionV1 5x5: {layer}</h1>
      <p className="caption">
        {layer} concatenates {view.block.branches.length} parallel branches. Each cell is one of its{' '}
        {columns.reduce((n, c) => n + c.end - c.start, 0)} units, coloured by its category in the chosen label set. In
        &ldquo;Branch Specialization&rdquo; (Voss et al., 2021) the units of a category clump into the 5x5 branch far
        more than chance would put there; the table below gives that chance for every branch and category.
      </p>
      <LayerTabs current={layer} labelSetId={labelSetId} />
      <div className="set-bar">
        <LabelSetPicker key={`picker|${labelSet.id}`} layer={layer} labelSets={view.labelSets} selectedId={labelSet.id} />
        <span className="set-meta" data-label-set={labelSet.id}>
          {labelSet.source.toLowerCase()} · by {labelSet.author} · {plural(labelSet.labels.length, 'label')} in {layer}
        </span>
        {/* Keyed by the set, so the form closes and clears once it has opened the set it created. */}
        <NewLabelSetForm key={`new|${labelSet.id}`} modelId={MODEL_ID} layer={layer} />
      </div>
      <LabellingBoard
        key={`${layer}|${labelSet.id}`}
        layer={layer}
        columns={columns}
        legend={legendEntries(columns, categories)}
        categories={categories}
        suggestions={view.publishedCategories}
        labelSet={{ id: labelSet.id, name: labelSet.name, source: labelSet.source, author: labelSet.author }}
      />
      <section aria-labelledby="enrichment">
        <h2 id="enrichment">Enrichment by branch</h2>
        <PopulationChoice current={population} hrefFor={(choice) => enrichmentHref(`/${layer}`, { labelSet: labelSetId, population: choice })} />
        <EnrichmentTable layer={layer} rows={view.enrichment} categories={categories} population={population} />
        <p className="provenance">
          Embed this table: <a href={embed}>{embed}</a>
        </p>
      </section>
    </>
  );
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
