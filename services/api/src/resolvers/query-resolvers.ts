import { roleOf } from '../auth/caller';
import { listTokens } from '../auth/token-management';
import type { ApiContext } from '../context';
import { listCatalogue } from '../domain/catalogue';
import { chanceProbability, type ChanceArgs } from '../domain/chance-probability';
import { getClusterability, type ClusterabilityArgs } from '../domain/clusterability';
import { getEnrichment, type EnrichmentArgs } from '../domain/enrichment';
import { getFeatureImages, type FeatureImagesArgs } from '../domain/feature-images';
import { getSvdFactors, type SvdFactorsArgs } from '../domain/get-svd-factors';
import { findJobView, listJobViews } from '../domain/jobs';
import { findLabelSetView, listLabelSetViews } from '../domain/label-sets';
import { findModelView, listModelViews } from '../domain/models';
import { findDatasetView, listDatasetViews } from '../domain/datasets';
import { getNeuron, listNeurons } from '../domain/neurons';
import { getNeuronDescriptors, type NeuronDescriptorsArgs } from '../domain/neuron-descriptors';
import { runPermutationTest, type PermutationTestArgs } from '../domain/permutation-test';
import { getWeightImages, type WeightImagesArgs } from '../domain/weight-image-views';

/** Root query fields: each takes its arguments and calls one domain function. */
export const queryResolvers = {
  tokens: (_: unknown, _args: unknown, context: ApiContext) => listTokens(context),
  me: (_: unknown, _args: unknown, { caller }: ApiContext) => {
    const role = roleOf(caller);
    return role === undefined ? null : { name: (caller as { name: string }).name, role: role.toUpperCase() };
  },
  models: (_: unknown, _args: unknown, { deps }: ApiContext) => listModelViews(deps),
  model: (_: unknown, { id }: { id: string }, { deps }: ApiContext) => findModelView(deps, id),
  svdFactors: (_: unknown, args: SvdFactorsArgs, { deps }: ApiContext) => getSvdFactors(deps, args),
  chanceProbability: (_: unknown, args: ChanceArgs) => chanceProbability(args),
  jobs: (_: unknown, { status }: { status?: string | null }, { deps }: ApiContext) => listJobViews(deps, status),
  job: (_: unknown, { id }: { id: string }, { deps }: ApiContext) => findJobView(deps, id),
  workerBackend: (_: unknown, _args: unknown, { deps }: ApiContext) => deps.workerBackend,
  labelSets: (_: unknown, { modelId }: { modelId: string }, { deps }: ApiContext) => listLabelSetViews(deps, modelId),
  labelSet: (_: unknown, { id }: { id: string }, { deps }: ApiContext) => findLabelSetView(deps, id),
  enrichment: (_: unknown, args: EnrichmentArgs, { deps }: ApiContext) => getEnrichment(deps, args),
  permutationTest: (_: unknown, args: PermutationTestArgs, { deps }: ApiContext) => runPermutationTest(deps, args),
  clusterability: (_: unknown, args: ClusterabilityArgs, { deps }: ApiContext) => getClusterability(deps, args),
  featureImages: (_: unknown, args: FeatureImagesArgs, { deps }: ApiContext) => getFeatureImages(deps, args),
  weightImages: (_: unknown, args: WeightImagesArgs, { deps }: ApiContext) => getWeightImages(deps, args),
  neuronDescriptors: (_: unknown, args: NeuronDescriptorsArgs, { deps }: ApiContext) => getNeuronDescriptors(deps, args),
  catalogue: (_: unknown, _args: unknown, { deps }: ApiContext) => listCatalogue(deps),
  neuron: (_: unknown, args: { modelId: string; layer: string; unit: number }, { deps }: ApiContext) => getNeuron(deps, args),
  neurons: (_: unknown, args: { modelId: string; layer: string; first?: number | null; after?: string | null }, { deps }: ApiContext) =>
    listNeurons(deps, args),
  datasets: (_: unknown, _args: unknown, { deps }: ApiContext) => listDatasetViews(deps),
  dataset: (_: unknown, { id }: { id: string }, { deps }: ApiContext) => findDatasetView(deps, id),
};
