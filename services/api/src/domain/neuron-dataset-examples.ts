import {
  DATASET_EXAMPLES_JOB,
  datasetExamplesDedupeKey,
  datasetExamplesKey,
  type DatasetExample,
  type DatasetExamplesInput,
  type DatasetExamplesValue,
} from '@branchscope/jobs';
import { receptiveField } from '@branchscope/core';
import { getResult } from '@branchscope/store';
import { badInput } from './api-error';
import { answered, pending, type Answer } from './answer';
import { requireDataset } from './datasets';
import { jobView, type JobView } from './jobs';
import type { NeuronPage } from './neuron-page';
import { artifactUrl } from './queued-artifacts';
import type { DatasetExample as DatasetExampleType, ExampleMeasure, ExampleOrder } from '../generated/resolver-types';

export type { ExampleMeasure, ExampleOrder };

/** One image of a unit's examples (the schema's `DatasetExample`). */
export type DatasetExampleView = DatasetExampleType;

/** A page's examples of one dataset: the stored lists of the layer, or the job computing them (one lookup a page). */
export interface PageExamples {
  value: DatasetExamplesValue | null;
  job: JobView | null;
}

/**
 * The stored `dataset-examples` result of the page's layer and `datasetId`, or, when it is not stored, the job
 * computing it (started or joined: the same model digest, dataset and layer share one). BAD_USER_INPUT names a layer
 * without positions (dense, flatten, global pool) or a model that does not take square RGB images.
 */
export async function loadPageExamples(page: NeuronPage, datasetId: string): Promise<PageExamples> {
  const { deps, model, node, digest } = page;
  const dataset = await requireDataset(deps.store, datasetId);
  const stored = await getResult<DatasetExamplesValue>(deps.store, datasetExamplesKey(digest, dataset.id, node.name));
  if (stored) return { value: stored.value, job: null };
  const [channels, height, width] = model.graph.inputShape;
  if (channels !== 3 || height !== width) {
    throw badInput(`model '${model.id}' takes ${channels} x ${height} x ${width} input; dataset examples run square RGB images (3 channels)`);
  }
  try {
    receptiveField(model.graph, node.name);
  } catch (error) {
    throw badInput(`dataset examples: ${(error as Error).message}`, error);
  }
  const input: DatasetExamplesInput = { modelId: model.id, datasetId: dataset.id, datasetPath: dataset.path, layer: node.name };
  const job = await deps.queue.enqueue(DATASET_EXAMPLES_JOB, input, { dedupeKey: datasetExamplesDedupeKey(digest, dataset.id, node.name) });
  return { value: null, job: jobView(job) };
}

const exampleView = (example: DatasetExample, rank: number): DatasetExampleView => ({
  rank,
  image: example.image,
  file: example.file,
  value: example.value,
  y: example.y,
  x: example.x,
  box: example.box,
  cropKey: example.cropKey,
  cropUrl: artifactUrl(example.cropKey),
});

/** One unit's list: by mean or max, highest or lowest first. */
export function unitExamples(examples: PageExamples, unit: number, by: ExampleMeasure, order: ExampleOrder): Answer<DatasetExampleView[]> {
  if (!examples.value) return pending(examples.job!);
  const lists = examples.value.units[unit];
  return answered((lists ? lists[by][order] : []).map((example, i) => exampleView(example, i + 1)));
}
