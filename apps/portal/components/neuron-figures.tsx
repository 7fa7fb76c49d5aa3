import type { NeuronDetail } from '@branchscope/client';
import { NeuronLiveJob } from './neuron-live-job';
import './neuron.css';

/**
 * A unit's feature visualization: the stored image, or a pending tile with the job rendering its layer followed live
 * (`NeuronLiveJob`), and its recipe. Shared by the neuron page and its embed.
 */
export function NeuronFeatureVisualization({ neuron, layer, unit }: { neuron: NeuronDetail; layer: string; unit: number }) {
  const fv = neuron.featureVisualization;
  return (
    <>
      {fv.status === 'READY' && fv.url ? (
        // eslint-disable-next-line @next/next/no-img-element
        <img src={fv.url} alt={`Feature visualization of ${layer} unit ${unit}`} width={224} height={224} className="neuron-image" />
      ) : (
        <div className="neuron-image neuron-pending" role="img" aria-label={`Feature visualization of ${layer} unit ${unit}: ${fv.status.toLowerCase()}`} />
      )}
      {fv.job && fv.status !== 'READY' ? <NeuronLiveJob job={fv.job} what={`the feature images of ${layer}`} /> : null}
      <p className="provenance">
        {fv.status === 'READY' ? 'Stored' : fv.status === 'PENDING' ? 'Rendering with the whole layer' : fv.status.toLowerCase()}: {fv.steps} steps at{' '}
        {fv.size} px, seed {fv.seed}, {fv.backend} backend.
      </p>
    </>
  );
}

/** A first conv layer unit's filter as an image, or why there is none. Shared by the neuron page and its embed. */
export function NeuronWeightImage({ neuron, layer, unit }: { neuron: NeuronDetail; layer: string; unit: number }) {
  return neuron.weightImage ? (
    <figure className="neuron-weight">
      {/* eslint-disable-next-line @next/next/no-img-element */}
      <img src={neuron.weightImage.url} alt={`Filter of ${layer} unit ${unit}`} width={96} height={96} style={{ imageRendering: 'pixelated' }} />
      <figcaption className="provenance">
        {neuron.weightImage.width} × {neuron.weightImage.height} × {neuron.weightImage.channels}, channels {neuron.weightImage.channelsShown}.
      </figcaption>
    </figure>
  ) : (
    <p className="caption">None: only a first conv layer&apos;s filters are drawn as images (once its weight images are stored).</p>
  );
}
