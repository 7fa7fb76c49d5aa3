import { DatasetsQuery, NeuronExamplesQuery, describeQueryError, query } from '@branchscope/client';
import type { Client, DatasetExample, ExampleMeasure } from '@branchscope/client';
import { ErrorPanel } from '@branchscope/ui';
import { NeuronLiveJob } from './neuron-live-job';

export interface DatasetExamplesSectionProps {
  client: Client;
  modelId: string;
  layer: string;
  unit: number;
  /** The dataset asked for (`?dataset=`); the first registered one when null. */
  datasetId: string | null;
  by: ExampleMeasure;
  /** The page's URL for another dataset or measure; without it (an embed) the choices are named, not linked. */
  hrefFor?: (datasetId: string, by: ExampleMeasure) => string;
}

/**
 * The unit's 9 highest and 9 lowest images of a registered dataset by mean (or max) activation, each drawn as the
 * crop its max position sees; while the layer's `dataset-examples` job runs, that job, followed live. Says so when no
 * dataset is registered, and names the problem when the API cannot compute them for this layer.
 */
export async function DatasetExamplesSection({ client, modelId, layer, unit, datasetId, by, hrefFor }: DatasetExamplesSectionProps) {
  let datasets;
  try {
    ({ datasets } = await query(client, DatasetsQuery, {}));
  } catch (error) {
    return <ErrorPanel title="the registered datasets" {...describeQueryError(error)} />;
  }
  const dataset = datasets.find((d) => d.id === datasetId) ?? datasets[0];
  if (!dataset) {
    return (
      <p className="caption" data-dataset-examples="no-dataset">
        None yet: no dataset is registered (register an image folder with the API&apos;s <code>registerDataset</code>).
      </p>
    );
  }
  let answer;
  try {
    ({ neuron: answer } = await query(client, NeuronExamplesQuery, { modelId, layer, unit, dataset: dataset.id, by }));
  } catch (error) {
    return <ErrorPanel title={`the dataset examples of ${layer} unit ${unit} in '${dataset.name}'`} {...describeQueryError(error)} />;
  }
  const choices = !hrefFor ? (
    <p className="caption">
      Dataset <strong>{dataset.name}</strong> ({dataset.images} images) · by {by.toLowerCase()} activation
    </p>
  ) : (
    <p className="caption">
      Dataset{' '}
      {datasets.map((d, i) => (
        <span key={d.id}>
          {i > 0 ? ' · ' : ''}
          {d.id === dataset.id ? <strong>{d.name}</strong> : <a href={hrefFor(d.id, by)}>{d.name}</a>}
        </span>
      ))}{' '}
      ({dataset.images} images) · by{' '}
      {(['MEAN', 'MAX'] as const).map((m, i) => (
        <span key={m}>
          {i > 0 ? ' · ' : ''}
          {m === by ? <strong>{m.toLowerCase()}</strong> : <a href={hrefFor(dataset.id, m)}>{m.toLowerCase()}</a>}
        </span>
      ))}{' '}
      activation
    </p>
  );
  const job = answer.top.job ?? answer.bottom.job;
  if (!answer.top.result || !answer.bottom.result) {
    return (
      <div data-dataset-examples="pending">
        {choices}
        {job ? <NeuronLiveJob job={job} what={`the ${layer} dataset examples in '${dataset.name}'`} /> : null}
      </div>
    );
  }
  return (
    <div data-dataset-examples="ready">
      {choices}
      <ExampleRow title="Highest" examples={answer.top.result} />
      <ExampleRow title="Lowest" examples={answer.bottom.result} />
    </div>
  );
}

function ExampleRow({ title, examples }: { title: string; examples: DatasetExample[] }) {
  return (
    <figure className="example-row">
      <figcaption>
        <strong>{title}</strong>
      </figcaption>
      <ol aria-label={`${title} dataset examples`}>
        {examples.map((e) => (
          <li key={`${e.rank}|${e.image}`} data-rank={e.rank} title={`${e.file}: ${e.value.toFixed(3)} (max at row ${e.y}, column ${e.x})`}>
            {/* eslint-disable-next-line @next/next/no-img-element */}
            <img src={e.cropUrl} alt={`${e.file}, activation ${e.value.toFixed(3)}`} width={72} height={72} loading="lazy" />
            <span>{e.value.toFixed(2)}</span>
          </li>
        ))}
      </ol>
    </figure>
  );
}
