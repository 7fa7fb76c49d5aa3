import type { ApiContext } from '../context';
import type { CatalogueEntryView } from '../domain/catalogue';
import { jobDownload } from '../domain/job-download';
import { jobModel, jobResultJson } from '../domain/job-result';
import type { JobView } from '../domain/jobs';
import type { LabelSetView } from '../domain/label-set-view';
import { listLabelViews } from '../domain/label-sets';
import { findModelSourceView } from '../domain/model-source-view';
import type { ModelView } from '../domain/model-view';
import { findWeightsDescription } from '../domain/model-weights';
import { findModelView } from '../domain/models';
import {
  neuronDatasetExamples,
  neuronDescriptor,
  neuronFeatureVisualization,
  neuronLabels,
  neuronWeightImage,
  type FeatureVisualizationArgs,
  type NeuronView,
} from '../domain/neurons';

/** Fields that are not plain properties of the domain views. */
export const typeResolvers = {
  Model: {
    layer: (model: ModelView, { name }: { name: string }) => model.layerByName.get(name) ?? null,
    source: (model: ModelView, _args: unknown, { deps }: ApiContext) => findModelSourceView(deps, model.id),
    weights: (model: ModelView, _args: unknown, { deps }: ApiContext) => findWeightsDescription(deps, model),
  },
  Job: {
    result: (job: JobView, _args: unknown, { deps }: ApiContext) => jobResultJson(deps, job),
    model: (job: JobView, _args: unknown, { deps }: ApiContext) => jobModel(deps, job),
    download: (job: JobView) => jobDownload(job),
  },
  CatalogueEntry: {
    imported: (entry: CatalogueEntryView) => entry.importedModelId !== null,
    model: (entry: CatalogueEntryView, _args: unknown, { deps }: ApiContext) => (entry.importedModelId ? findModelView(deps, entry.importedModelId) : null),
  },
  Neuron: {
    descriptor: (neuron: NeuronView) => neuronDescriptor(neuron),
    featureVisualization: (neuron: NeuronView, args: FeatureVisualizationArgs) => neuronFeatureVisualization(neuron, args),
    weightImage: (neuron: NeuronView) => neuronWeightImage(neuron),
    labels: (neuron: NeuronView) => neuronLabels(neuron),
    datasetExamples: (neuron: NeuronView, args: Parameters<typeof neuronDatasetExamples>[1]) => neuronDatasetExamples(neuron, args),
  },
  LabelSet: {
    labels: (set: LabelSetView, { layer }: { layer?: string | null }, { deps }: ApiContext) => listLabelViews(deps, set.id, layer),
  },
  // Enum values in the schema are upper case; core's block kinds, label sources, rule dimensions and enrichment
  // populations are lower case.
  BlockKind: { GROUPED: 'grouped', CONCAT: 'concat', RESIDUAL: 'residual', GATE: 'gate' },
  LabelSource: { HUMAN: 'human', RULE: 'rule', PUBLISHED: 'published' },
  RuleDimension: { COLOR: 'color', FREQUENCY: 'frequency' },
  DescriptorSource: { WEIGHTS: 'weights', FEATURE_IMAGE: 'feature-image' },
  ModelFormat: { ONNX: 'onnx', TFJS: 'tfjs', GRAPHDEF: 'graphdef' },
  WeightsKind: { SEEDED_RANDOM: 'seeded-random', TRAINED_HERE: 'trained-here', IMPORTED: 'imported' },
  ViewKind: { ALEXNET: 'alexnet', INCEPTION: 'inception', RESNET: 'resnet' },
  EnrichmentPopulation: { ALL_UNITS: 'all-units', LABELLED: 'labelled' },
  ExampleMeasure: { MEAN: 'mean', MAX: 'max' },
  ExampleOrder: { TOP: 'top', BOTTOM: 'bottom' },
};
