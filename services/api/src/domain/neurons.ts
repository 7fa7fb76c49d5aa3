import type { Branch } from '@branchscope/core';
import { channelsShown } from '@branchscope/core';
import type { ApiDeps } from './api-deps';
import { badInput } from './api-error';
import { descriptorView, type FeatureImageView } from './feature-images';
import { jobView, type JobView } from './jobs';
import { requireLayer } from './layer-branches';
import type { NeuronDescriptorView } from './neuron-descriptors';
import { unitExamples, type DatasetExampleView, type ExampleMeasure, type ExampleOrder } from './neuron-dataset-examples';
import { NeuronPage } from './neuron-page';
import type { FeatureVisualizationStatus, NeuronLabel, ResolversParentTypes } from '../generated/resolver-types';
import type { Answer } from './answer';
import { artifactUrl } from './queued-artifacts';
import { renderLayer } from './render-layer';
import type { WeightImageView } from './weight-image-views';

/** Most units one `neurons` page holds: its lookups stay one query each. */
export const NEURON_PAGE_MAX = 500;
export const NEURON_PAGE_DEFAULT = 100;

/** One unit of a layer; its fields are read through the page it was fetched with. */
export interface NeuronView {
  id: string;
  modelId: string;
  layer: string;
  unit: number;
  branch: Branch | null;
  block: string | null;
  page: NeuronPage;
}

/** The schema's `NeuronConnection`, each node a {@link NeuronView}. */
export type NeuronConnection = ResolversParentTypes['NeuronConnection'];

export type { FeatureVisualizationStatus };

/** The schema's `FeatureVisualization`, its job a {@link JobView}. */
export type FeatureVisualizationView = ResolversParentTypes['FeatureVisualization'];

export interface FeatureVisualizationArgs {
  steps?: number | null;
  size?: number | null;
  seed?: number | null;
  backend?: string | null;
  render?: boolean | null;
}

/** A unit's label in one set (the schema's `NeuronLabel`). */
export type NeuronLabelView = NeuronLabel;

const neuronView = (page: NeuronPage, unit: number): NeuronView => {
  const inBranch = page.branchOf.get(unit);
  return {
    id: `${page.model.id}/${page.node.name}/${unit}`,
    modelId: page.model.id,
    layer: page.node.name,
    unit,
    branch: inBranch?.branch ?? null,
    block: inBranch?.block ?? null,
    page,
  };
};

/** A cursor is opaque to clients: base64 of `unit:<n>`. */
export const unitCursor = (unit: number): string => Buffer.from(`unit:${unit}`).toString('base64');

function unitAfter(cursor: string): number {
  const match = /^unit:(\d+)$/.exec(Buffer.from(cursor, 'base64').toString('utf8'));
  if (!match) throw badInput(`after: '${cursor}' is not a cursor of neurons (use a pageInfo.endCursor or edge cursor)`);
  return Number(match[1]);
}

/** One unit. NOT_FOUND for an unknown model; BAD_USER_INPUT names an unknown layer or a unit outside it. */
export async function getNeuron(deps: ApiDeps, args: { modelId: string; layer: string; unit: number }): Promise<NeuronView> {
  const model = await deps.catalog.require(args.modelId);
  const node = requireLayer(model, args.layer);
  if (!Number.isInteger(args.unit) || args.unit < 0 || args.unit >= node.channels) {
    throw badInput(`layer '${node.name}' of model '${model.id}' has ${node.channels} units (0..${node.channels - 1}); unit ${args.unit} does not exist`);
  }
  return neuronView(new NeuronPage(deps, model, node, [args.unit]), args.unit);
}

/** A page of a layer's units: `first` (1 to {@link NEURON_PAGE_MAX}) after the cursor `after`. */
export async function listNeurons(
  deps: ApiDeps,
  args: { modelId: string; layer: string; first?: number | null; after?: string | null },
): Promise<NeuronConnection> {
  const model = await deps.catalog.require(args.modelId);
  const node = requireLayer(model, args.layer);
  const first = args.first ?? NEURON_PAGE_DEFAULT;
  if (!Number.isInteger(first) || first < 1 || first > NEURON_PAGE_MAX) throw badInput(`first must be an integer from 1 to ${NEURON_PAGE_MAX}, got ${first}`);
  const start = args.after ? unitAfter(args.after) + 1 : 0;
  const end = Math.min(node.channels, start + first);
  const units = Array.from({ length: Math.max(0, end - start) }, (_, i) => start + i);
  const page = new NeuronPage(deps, model, node, units);
  const edges = units.map((unit) => ({ cursor: unitCursor(unit), node: neuronView(page, unit) }));
  return { edges, pageInfo: { hasNextPage: end < node.channels, endCursor: edges.at(-1)?.cursor ?? null }, totalCount: node.channels };
}

/**
 * The unit's feature visualization with these parameters, from the page's stored images and render jobs. With
 * `render`, a missing image starts (or joins) one `render-layer` job for the whole layer.
 */
export async function neuronFeatureVisualization(neuron: NeuronView, args: FeatureVisualizationArgs): Promise<FeatureVisualizationView> {
  const { page, unit } = neuron;
  const params = await page.renderParams(args);
  const artifact = (await page.featureImages(params)).get(unit);
  if (artifact) {
    const { trace } = artifact.meta;
    const image: FeatureImageView = {
      unit,
      layer: neuron.layer,
      key: artifact.key,
      url: artifactUrl(artifact.key),
      ...params,
      channelsShown: artifact.meta.channelsShown ?? channelsShown(artifact.meta.channels),
      trace: { first: trace[0]!, last: trace.at(-1)!, max: Math.max(...trace), values: trace },
      descriptor: descriptorView(artifact.meta.descriptor),
      jobId: artifact.jobId,
      computedAt: artifact.createdAt,
    };
    return { ...params, status: 'READY', url: image.url, image, job: null };
  }
  const known = await page.renderJobFor(unit, params);
  if (known && known.status !== 'FAILED') return { ...params, status: 'PENDING', url: null, image: null, job: jobView(known) };
  if (args.render) {
    const job = await renderLayer(page.deps, { modelId: neuron.modelId, layer: neuron.layer, ...params });
    return { ...params, status: 'PENDING', url: null, image: null, job };
  }
  if (known) return { ...params, status: 'FAILED', url: null, image: null, job: jobView(known) };
  return { ...params, status: 'NOT_RENDERED', url: null, image: null, job: null };
}

/** The unit's filter image, for a first conv layer whose weight images are stored; null otherwise. */
export async function neuronWeightImage(neuron: NeuronView): Promise<WeightImageView | null> {
  const artifact = (await neuron.page.weightImages()).get(neuron.unit);
  if (!artifact) return null;
  const { meta } = artifact;
  return {
    unit: neuron.unit,
    key: artifact.key,
    url: artifactUrl(artifact.key),
    height: meta.height,
    width: meta.width,
    channels: meta.channels,
    channelsShown: meta.channelsShown ?? channelsShown(meta.channels),
    ...descriptorView(meta.descriptor),
  };
}

/** From the weight image for a first conv layer, from the default feature visualization deeper; null until stored. */
export async function neuronDescriptor(neuron: NeuronView): Promise<NeuronDescriptorView | null> {
  if (neuron.page.firstConv) {
    const image = await neuronWeightImage(neuron);
    if (!image) return null;
    const { colorIndex, frequency, orientation } = image;
    return { unit: neuron.unit, colorIndex, frequency, orientation, source: 'weights', imageKey: image.key, imageUrl: image.url };
  }
  if (!(await neuron.page.defaultBackend())) return null;
  const { image } = await neuronFeatureVisualization(neuron, {});
  if (!image) return null;
  return { unit: neuron.unit, ...image.descriptor, source: 'feature-image', imageKey: image.key, imageUrl: image.url };
}

/** The unit's label in every label set of its model that labels it. */
export async function neuronLabels(neuron: NeuronView): Promise<NeuronLabelView[]> {
  return ((await neuron.page.labels()).get(neuron.unit) ?? []).map(({ labelSetId, labelSetName, source, category, author, at }) => ({
    labelSetId,
    labelSetName,
    source,
    category,
    author,
    at,
  }));
}

/**
 * The unit's highest or lowest images of a dataset by mean or max activation, each with the crop around its max;
 * or, until the layer's examples are stored, the `dataset-examples` job computing them.
 */
export async function neuronDatasetExamples(
  neuron: NeuronView,
  args: { dataset: string; by?: ExampleMeasure | null; order?: ExampleOrder | null },
): Promise<Answer<DatasetExampleView[]>> {
  return unitExamples(await neuron.page.datasetExamples(args.dataset), neuron.unit, args.by ?? 'mean', args.order ?? 'top');
}
