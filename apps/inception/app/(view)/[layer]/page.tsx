import { apiUrlFromEnv, createBranchscopeClient, layerNeurons, weightsSummary } from '@branchscope/client';
import type { NeuronCell } from '@branchscope/client';
import { EmbedCode, ErrorPanel, ModelPicker, pickerModels, searchParam } from '@branchscope/ui';
import { EnrichmentTable } from '../../../components/enrichment-table';
import { LabelSetPicker } from '../../../components/label-set-picker';
import { LabellingBoard } from '../../../components/labelling-board';
import { LayerImages } from '../../../components/layer-images';
import { LayerTabs } from '../../../components/layer-tabs';
import { NewLabelSetForm } from '../../../components/new-label-set-form';
import { PopulationChoice } from '../../../components/population-choice';
import { WeightsNotice } from '../../../components/weights-notice';
import { categoryOrder } from '../../../lib/category-order';
import { describeViewError } from '../../../lib/describe-view-error';
import { enrichmentHref, parsePopulationParam, POPULATION_PARAM } from '../../../lib/enrichment-population';
import { withFeatureImages } from '../../../lib/cell-images';
import { gridAtlas } from '../../../lib/grid-atlas';
import { layerColumns, legendEntries } from '../../../lib/layer-columns';
import { loadLayerView } from '../../../lib/load-layer-view';
import type { LayerView } from '../../../lib/load-layer-view';
import { layerFromSegment, layerPath, withModel } from '../../../lib/model-href';
import { DEFAULT_MODEL_ID, LAYERS } from '../../../lib/view-scope';

// Labels change under us and the API starts after the build: render on every request.
export const dynamic = 'force-dynamic';

interface LayerPageProps {
  params: Promise<{ layer: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export default async function LayerPage({ params, searchParams }: LayerPageProps) {
  const layer = layerFromSegment((await params).layer);
  const search = await searchParams;
  const labelSetId = searchParam(search, 'labelSet');
  const modelId = searchParam(search, 'model') ?? DEFAULT_MODEL_ID;
  const isDefault = modelId === DEFAULT_MODEL_ID;
  let view: LayerView;
  try {
    view = await loadLayerView(modelId, layer, labelSetId, parsePopulationParam(searchParam(search, POPULATION_PARAM)));
  } catch (error) {
    return (
      <>
        <h1>{isDefault ? 'InceptionV1 5x5' : modelId}: {layer}</h1>
        {isDefault ? <LayerTabs layers={LAYERS} current={layer} labelSetId={labelSetId} modelId={modelId} /> : null}
        <ErrorPanel title={`${modelId} ${layer}`} {...describeViewError(error)} />
      </>
    );
  }
  const { labelSet, model } = view;
  const labels = labelSet?.labels ?? [];
  const categories = categoryOrder(labels);
  // Each unit's feature image, every page of the layer's neurons; the grid keeps its numbered cells when the API
  // cannot answer.
  const neurons: NeuronCell[] | null = await layerNeurons(createBranchscopeClient(apiUrlFromEnv()), modelId, layer).catch(() => null);
  const numbered = layerColumns(view.block, labels, categories);
  // One atlas image for the grid's stored images (`?atlas=off`: one request per image, the old path bench/grid.ts times).
  const atlas = neurons && searchParam(search, 'atlas') !== 'off' ? gridAtlas(modelId, layer, neurons) : null;
  const imaged = neurons ? withFeatureImages(numbered, neurons, atlas?.indexOf) : null;
  const columns = imaged?.columns ?? numbered;
  const { population } = view;
  const embed = withModel(enrichmentHref('/inception/embed/enrichment', { layer, labelSet: labelSet?.id ?? null, population }), modelId);
  return (
    <>
      <h1>{isDefault ? 'InceptionV1 5x5' : model.name}: {layer}</h1>
      <p className="caption" data-weights-kind={model.weights.kind}>
        {model.name} <code>{model.id}</code> · {weightsSummary(model.weights)}
      </p>
      <ModelPicker models={pickerModels(view.inceptionModels)} current={model.id} action="/inception" />
      <WeightsNotice model={model} inceptionModels={view.inceptionModels} />
      <p className="caption">
        {layer} concatenates {view.block.branches.length} parallel branches. Each cell is one of its{' '}
        {columns.reduce((n, c) => n + c.end - c.start, 0)} units, drawn as its feature visualization (once rendered) in a
        frame coloured by its category in the chosen label set. In
        &ldquo;Branch Specialization&rdquo; (Voss et al., 2021) the units of a category clump into the 5x5 branch of the
        trained InceptionV1 far more than chance would put there; the table below gives that chance for every branch and
        category.
      </p>
      <LayerTabs layers={isDefault ? LAYERS : view.concatLayers} current={layer} labelSetId={labelSetId} modelId={modelId} />
      <div className="set-bar">
        {labelSet ? (
          <>
            <LabelSetPicker key={`picker|${labelSet.id}`} modelId={modelId} layer={layer} labelSets={view.labelSets} selectedId={labelSet.id} />
            <span className="set-meta" data-label-set={labelSet.id}>
              {labelSet.source.toLowerCase()} · by {labelSet.author} · {plural(labelSet.labels.length, 'label')} in {layer}
            </span>
          </>
        ) : (
          <span className="set-meta">No label set yet</span>
        )}
        {/* Keyed by the set, so the form closes and clears once it has opened the set it created. */}
        <NewLabelSetForm key={`new|${labelSet?.id ?? ''}`} modelId={modelId} layer={layer} />
      </div>
      {imaged ? <LayerImages key={`images|${layer}`} modelId={modelId} layer={layer} counts={imaged.status.counts} job={imaged.status.job} /> : null}
      <LabellingBoard
        key={`${layer}|${labelSet?.id ?? ''}`}
        modelId={modelId}
        layer={layer}
        columns={columns}
        atlas={atlas?.atlas}
        legend={legendEntries(columns, categories)}
        categories={categories}
        suggestions={view.publishedCategories}
        labelSet={labelSet ? { id: labelSet.id, name: labelSet.name, source: labelSet.source, author: labelSet.author } : null}
      />
      <section aria-labelledby="enrichment">
        <h2 id="enrichment">Enrichment by branch</h2>
        {labelSet ? (
          <>
            <PopulationChoice
              current={population}
              hrefFor={(choice) => withModel(enrichmentHref(layerPath(layer), { labelSet: labelSetId, population: choice }), modelId)}
            />
            <EnrichmentTable layer={layer} rows={view.enrichment} categories={categories} population={population} />
            <div className="provenance">
              <EmbedCode path={embed} title={`the enrichment of ${model.id} ${layer}`} height={360} />
            </div>
          </>
        ) : (
          <p className="caption">Enrichment counts labelled units: create a label set and label some units first.</p>
        )}
      </section>
    </>
  );
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
