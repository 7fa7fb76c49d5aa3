import { apiUrlFromEnv, createBranchscopeClient } from '@branchscope/client';
import { ErrorPanel, neuronHref, searchParam } from '@branchscope/ui';
import type { Metadata } from 'next';
import { DatasetExamplesSection } from '../../../../../../components/dataset-examples-section';
import { loadNeuron, type NeuronParams } from '../../../../../../components/load-neuron';
import { NeuronFeatureVisualization, NeuronWeightImage } from '../../../../../../components/neuron-figures';

// The feature visualization is rendered by a worker job on first ask: render on request and follow the job.
export const dynamic = 'force-dynamic';

interface NeuronEmbedProps {
  params: Promise<NeuronParams>;
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
  const search = await searchParams;
  const client = createBranchscopeClient(apiUrlFromEnv());
  const loaded = await loadNeuron(client, await params);
  if (!loaded.ok) return <ErrorPanel title={loaded.title} {...loaded.error} />;
  const { modelId, layer, unit, neuron } = loaded;
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
