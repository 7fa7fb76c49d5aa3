import { LabelSetsQuery, apiUrlFromEnv, createBranchscopeClient, describeQueryError, query } from '@branchscope/client';
import type { LabelSetSummary, QueryErrorDescription } from '@branchscope/client';
import { EmbedCode, ErrorPanel, neuronHref, searchParam } from '@branchscope/ui';
import type { Metadata } from 'next';
import { DatasetExamplesSection } from '../../../../../../components/dataset-examples-section';
import { LabelThisUnit } from '../../../../../../components/label-this-unit';
import { loadNeuron, type NeuronParams } from '../../../../../../components/load-neuron';
import { NeuronFeatureVisualization, NeuronWeightImage } from '../../../../../../components/neuron-figures';

// A unit's feature visualization is rendered by a worker job on first ask: render on request and follow the job.
export const dynamic = 'force-dynamic';

interface NeuronPageProps {
  params: Promise<NeuronParams>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export async function generateMetadata({ params }: NeuronPageProps): Promise<Metadata> {
  const { model, layer, unit } = await params;
  return { title: `${decodeURIComponent(layer)} unit ${unit} of ${decodeURIComponent(model)} · branchscope` };
}

const degrees = (d: number) => `${d.toFixed(0)}°`;

/**
 * One unit of any model and layer (the portal's, since a neuron belongs to no one zone and every zone links here): its
 * feature visualization (rendered on first visit, followed live), weight image, descriptors, labels, branch, dataset
 * examples, and "label this unit".
 */
export default async function NeuronPage({ params, searchParams }: NeuronPageProps) {
  const raw = await params;
  const search = await searchParams;
  const client = createBranchscopeClient(apiUrlFromEnv());
  // Asked beside the neuron; its failure, if any, is shown once the neuron has loaded.
  const labelSets = query(client, LabelSetsQuery, { modelId: decodeURIComponent(raw.model) }).then(({ labelSets }) => labelSets);
  labelSets.catch(() => undefined);
  const loaded = await loadNeuron(client, raw);
  const failed = (error: QueryErrorDescription) => (
    <>
      <h1>Neuron</h1>
      <ErrorPanel title={loaded.title} {...error} />
    </>
  );
  if (!loaded.ok) return failed(loaded.error);
  let human: Array<Pick<LabelSetSummary, 'id' | 'name' | 'author'>>;
  try {
    human = (await labelSets).filter((s) => s.source === 'HUMAN').map((s) => ({ id: s.id, name: s.name, author: s.author }));
  } catch (error) {
    return failed(describeQueryError(error));
  }
  const { modelId, layer, unit, title, neuron } = loaded;
  const fv = neuron.featureVisualization;
  const categories = [...new Set(neuron.labels.map((l) => l.category))].sort();
  return (
    <>
      <h1>
        <code>{layer}</code> unit {unit}
      </h1>
      <p className="caption" data-neuron={neuron.id}>
        Model <code>{modelId}</code>
        {neuron.branch ? (
          <>
            {' '}
            · branch <strong data-branch={neuron.branch.name}>{neuron.branch.name}</strong> of block <code>{neuron.block}</code> (units{' '}
            {neuron.branch.units.start}–{neuron.branch.units.end - 1} of <code>{neuron.branch.units.layer}</code>)
          </>
        ) : (
          ' · in no branch'
        )}
      </p>
      <div className="neuron-layout">
        <section aria-labelledby="fv" className="neuron-fv" data-fv-status={fv.status}>
          <h2 id="fv">Feature visualization</h2>
          <NeuronFeatureVisualization neuron={neuron} layer={layer} unit={unit} />
        </section>
        <section aria-labelledby="facts" className="neuron-facts">
          <h2 id="facts">Descriptors</h2>
          {neuron.descriptor ? (
            <dl className="neuron-descriptors">
              <dt>Colour index</dt>
              <dd data-color-index={neuron.descriptor.colorIndex}>{neuron.descriptor.colorIndex.toFixed(3)}</dd>
              <dt>Frequency</dt>
              <dd>{neuron.descriptor.frequency.toFixed(3)} cycles/px</dd>
              <dt>Orientation</dt>
              <dd>{degrees(neuron.descriptor.orientation)}</dd>
              <dt>Measured on</dt>
              <dd>{neuron.descriptor.source === 'WEIGHTS' ? 'its filter (weights)' : 'its feature visualization'}</dd>
            </dl>
          ) : (
            <p className="caption">None yet: measured on the feature visualization once it is stored (on the filter for a first layer).</p>
          )}
          <h2>Weight image</h2>
          <NeuronWeightImage neuron={neuron} layer={layer} unit={unit} />
          <h2>Labels</h2>
          {neuron.labels.length > 0 ? (
            <ul className="neuron-labels">
              {neuron.labels.map((l) => (
                <li key={l.labelSetId} data-label-set={l.labelSetId} data-category={l.category}>
                  <strong>{l.category}</strong> in {l.labelSetName} ({l.source.toLowerCase()}, {l.author})
                </li>
              ))}
            </ul>
          ) : (
            <p className="caption" data-labels="none">
              No label set labels this unit yet.
            </p>
          )}
          <LabelThisUnit layer={layer} unit={unit} labelSets={human} categories={categories} />
        </section>
      </div>
      <section aria-labelledby="examples">
        <h2 id="examples">Dataset examples</h2>
        <DatasetExamplesSection
          client={client}
          modelId={modelId}
          layer={layer}
          unit={unit}
          datasetId={searchParam(search, 'dataset')}
          by={searchParam(search, 'by')?.toUpperCase() === 'MAX' ? 'MAX' : 'MEAN'}
          hrefFor={(dataset, by) => `?dataset=${encodeURIComponent(dataset)}&by=${by.toLowerCase()}`}
        />
      </section>
      <div className="provenance">
        <EmbedCode path={embedPath(modelId, layer, unit, search)} title={`${title}: feature visualization, weight image and dataset examples`} height={520} />
      </div>
    </>
  );
}

/** The neuron's embed (`/embed/neurons/<model>/<layer>/<unit>`) with the page's dataset and measure, when chosen. */
function embedPath(modelId: string, layer: string, unit: number, search: Record<string, string | string[] | undefined>): string {
  const keep = new URLSearchParams();
  for (const name of ['dataset', 'by']) {
    const value = searchParam(search, name);
    if (value) keep.set(name, value);
  }
  const query = keep.toString();
  return `/embed${neuronHref(modelId, layer, unit)}${query === '' ? '' : `?${query}`}`;
}
