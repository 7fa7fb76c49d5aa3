import { FeatureImagesQuery, SvdFactorsQuery, WeightImagesQuery, query } from '@branchscope/client';
import type { Client, FeatureImage, SvdFactors, WeightImage } from '@branchscope/client';
import { firstUnitsOf } from './branch-units';
import type { AlexNetView } from './resolve-alexnet-model';
import { settle } from './settle';
import type { Settled } from './settle';

/**
 * Feature-image parameters: small, because the worker renders on the CPU (AlexNet conv2 on wasm manages about ten
 * neuron-steps per second at 128 px). Part of every image's content key: changing them renders anew.
 */
export const FEATURE_PARAMS = Object.freeze({ steps: 64, size: 64, seed: 0 });

/** conv2 units rendered per branch: the first ones of each branch's slice. */
export const FEATURE_UNITS_PER_BRANCH = 4;

/** The grouped layer's units the features section renders, branch after branch. */
export function featureUnits(view: AlexNetView): number[] {
  return view.branches.flatMap((branch) => firstUnitsOf(branch, FEATURE_UNITS_PER_BRANCH));
}

/** Factors of |W(from → to)|: the first two components, for the scatter. */
export function loadSvd(client: Client, view: AlexNetView): Promise<Settled<SvdFactors>> {
  const variables = { modelId: view.model.id, from: view.from, to: view.to, components: 2 };
  return settle(query(client, SvdFactorsQuery, variables).then((r) => r.svdFactors));
}

/** Every filter of the layer the branches read. */
export function loadWeights(client: Client, view: AlexNetView): Promise<Settled<WeightImage[]>> {
  return settle(query(client, WeightImagesQuery, { modelId: view.model.id, layer: view.from }).then((r) => r.weightImages));
}

/** Feature images of {@link featureUnits}; resolves only once the worker has rendered them. */
export function loadFeatures(client: Client, view: AlexNetView): Promise<Settled<FeatureImage[]>> {
  const variables = { modelId: view.model.id, layer: view.to, units: featureUnits(view), ...FEATURE_PARAMS };
  return settle(query(client, FeatureImagesQuery, variables).then((r) => r.featureImages));
}
