import { roleOf } from '../auth/caller';
import { listTokens } from '../auth/token-management';
import { listCatalogue } from '../domain/catalogue';
import { chanceProbability } from '../domain/chance-probability';
import { getClusterability } from '../domain/clusterability';
import { getEnrichment } from '../domain/enrichment';
import { getFeatureImages } from '../domain/feature-images';
import { getSvdFactors } from '../domain/get-svd-factors';
import { findJobView, listJobViews } from '../domain/jobs';
import { findLabelSetView, listLabelSetViews } from '../domain/label-sets';
import { findModelView, listModelViews } from '../domain/models';
import { findDatasetView, listDatasetViews } from '../domain/datasets';
import { getNeuron, listNeurons } from '../domain/neurons';
import { getNeuronDescriptors } from '../domain/neuron-descriptors';
import { runPermutationTest } from '../domain/permutation-test';
import { defaultRenderBackend } from '../domain/render-backend';
import { getWeightImages } from '../domain/weight-image-views';
import type { QueryResolvers } from '../generated/resolver-types';

/** Root query fields: each takes its arguments and calls one domain function. */
export const queryResolvers: QueryResolvers = {
  tokens: (_, _args, context) => listTokens(context),
  me: (_, _args, { caller }) => {
    const role = roleOf(caller);
    return role === undefined ? null : { name: (caller as { name: string }).name, role };
  },
  models: (_, _args, { deps }) => listModelViews(deps),
  model: (_, { id }, { deps }) => findModelView(deps, id),
  svdFactors: (_, args, { deps }) => getSvdFactors(deps, args),
  chanceProbability: (_, args) => chanceProbability(args),
  jobs: (_, { status }, { deps }) => listJobViews(deps, status),
  job: (_, { id }, { deps }) => findJobView(deps, id),
  workerBackend: (_, _args, { deps }) => defaultRenderBackend(deps),
  labelSets: (_, { modelId }, { deps }) => listLabelSetViews(deps, modelId),
  labelSet: (_, { id }, { deps }) => findLabelSetView(deps, id),
  enrichment: (_, args, { deps }) => getEnrichment(deps, args),
  permutationTest: (_, args, { deps }) => runPermutationTest(deps, args),
  clusterability: (_, args, { deps }) => getClusterability(deps, args),
  featureImages: (_, args, { deps }) => getFeatureImages(deps, args),
  weightImages: (_, args, { deps }) => getWeightImages(deps, args),
  neuronDescriptors: (_, args, { deps }) => getNeuronDescriptors(deps, args),
  catalogue: (_, _args, { deps }) => listCatalogue(deps),
  neuron: (_, args, { deps }) => getNeuron(deps, args),
  neurons: (_, args, { deps }) => listNeurons(deps, args),
  datasets: (_, _args, { deps }) => listDatasetViews(deps),
  dataset: (_, { id }, { deps }) => findDatasetView(deps, id),
};
