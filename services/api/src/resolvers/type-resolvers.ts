import { jobDownload } from '../domain/job-download';
import { jobModel, jobResult } from '../domain/job-result';
import { listLabelViews } from '../domain/label-sets';
import { findModelSourceView } from '../domain/model-source-view';
import { findWeightsDescription } from '../domain/model-weights';
import { findModelView } from '../domain/models';
import { getSpecializationReport } from '../domain/specialization-report';
import { neuronDatasetExamples, neuronDescriptor, neuronFeatureVisualization, neuronLabels, neuronWeightImage } from '../domain/neurons';
import type { Resolvers } from '../generated/resolver-types';
import { DateTimeScalar } from '../scalars/date-time';
import { JsonScalar } from '../scalars/json';

/** Fields that are not plain properties of the domain views, the scalars, and the enums spelled otherwise inside. */
export const typeResolvers: Omit<Resolvers, 'Query' | 'Mutation' | 'Subscription'> = {
  DateTime: DateTimeScalar,
  JSON: JsonScalar,
  Model: {
    layer: (model, { name }) => model.layerByName.get(name) ?? null,
    source: (model, _args, { deps }) => findModelSourceView(deps, model.id),
    weights: (model, _args, { deps }) => findWeightsDescription(deps, model),
    specializationReport: (model, { layer }, { deps }) => getSpecializationReport(deps, model, layer),
  },
  Job: {
    result: (job, _args, { deps }) => jobResult(deps, job),
    model: (job, _args, { deps }) => jobModel(deps, job),
    download: (job) => jobDownload(job),
  },
  CatalogueEntry: {
    imported: (entry) => entry.importedModelId !== null,
    model: (entry, _args, { deps }) => (entry.importedModelId ? findModelView(deps, entry.importedModelId) : null),
  },
  Neuron: {
    descriptor: (neuron) => neuronDescriptor(neuron),
    featureVisualization: (neuron, args) => neuronFeatureVisualization(neuron, args),
    weightImage: (neuron) => neuronWeightImage(neuron),
    labels: (neuron) => neuronLabels(neuron),
    datasetExamples: (neuron, args) => neuronDatasetExamples(neuron, args),
  },
  LabelSet: {
    labels: (set, { layer }, { deps }) => listLabelViews(deps, set.id, layer),
  },
  // Enum values in the schema are upper case; core's block kinds, label sources, rule dimensions and enrichment
  // populations are lower case (the generated enum types carry these internal values).
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
  TokenRole: { VIEWER: 'viewer', EDITOR: 'editor', ADMIN: 'admin' },
  SplitVerdict: { SPLIT: 'split', PARTIAL: 'partial', NONE: 'none' },
};
