import { NeuronQuery, apiUrlFromEnv, createBranchscopeClient, describeQueryError, query } from '@branchscope/client';
import type { NeuronDetail } from '@branchscope/client';
import { ErrorPanel, neuronHref, searchParam } from '@branchscope/ui';
import type { Metadata } from 'next';
import { DatasetExamplesSection } from '../../../../../../components/dataset-examples-section';
import { NeuronFeatureVisualization, NeuronWeightImage } from '../../../../../../components/neuron-figures';

// The feature visualization is rendered by a worker job on first ask: render on request and follow the job.
export const dynamic = 'force-dynamic';

interface NeuronEmbedProps {
  params: Promise<{ model: string; layer: string; unit: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export async function generateMetadata({ params }: NeuronEmbedProps): Promise<Metadata> {
  const { model, layer, unit } = await params;
  return { title: `${decodeURIComponent(layer)} unit ${unit} of ${decodeURIComponent(model)} (embed) · branchscope` };
}

/**
 * `/embed/neurons/<model>/<layer>/<unit>?dataset=<id>&by=<mean|max>`: one neuron read-only for an `<iframe>`: its
 * feature visualization, weight image and dataset examples, and a link to its full page; no header, labels or forms.
 */
export default async function NeuronEmbed({ params, searchParams }: NeuronEmbedProps) {
  const raw = await params;
  const search = await searchParams;
  const modelId = decodeURIComponent(raw.model);
  const layer = decodeURIComponent(raw.layer);
  const title = `${layer} unit ${raw.unit} of ${modelId}`;
  if (!/^\d+$/.test(raw.unit)) {
    return <ErrorPanel title={title} code="BAD_USER_INPUT" message={`'${raw.unit}' is not a unit index (a whole number from 0)`} />;
  }
  const unit = Number(raw.unit);
  const client = createBranchscopeClient(apiUrlFromEnv());
  let neuron: NeuronDetail;
  try {
    ({ neuron } = await query(client, NeuronQuery, { modelId, layer, unit, render: true }));
  } catch (error) {
    return <ErrorPanel title={title} {...describeQueryError(error)} />;
  }
  return (
    <>
      <p className="embed-title" data-neuron={neuron.id}>
        <a href={neuronHref(modelId, layer, unit)} target="_top">
          <code>{layer}</code> unit {unit} of <code>{modelId}</code>
        </a>
      </p>
      <div className="neuron-layout">
        <section aria-label="Feature visualization" className="neuron-fv" data-fv-status={neuron.featureVisualization.status}>
          <NeuronFeatureVisualization neuron={neuron} layer={layer} unit={unit} />
        </section>
        <section aria-label="Weight image">
          <NeuronWeightImage neuron={neuron} layer={layer} unit={unit} />
        </section>
      </div>
      <section aria-label="Dataset examples">
        <DatasetExamplesSection
          client={client}
          modelId={modelId}
          layer={layer}
          unit={unit}
          datasetId={searchParam(search, 'dataset')}
          by={searchParam(search, 'by')?.toUpperCase() === 'MAX' ? 'MAX' : 'MEAN'}
        />
      </section>
    </>
  );
}
