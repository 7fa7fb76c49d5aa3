import { FeatureImagesQuery, SvdFactorsQuery, WeightImagesQuery, query } from '@branchscope/client';
import type { Client, FeatureImage, SvdFactors, WeightImage } from '@branchscope/client';
import type { AlexNetView } from './resolve-alexnet-model';
import { settle } from './settle';
import type { Settled } from './settle';

/**
 * Feature-image parameters: small, because the worker renders on the CPU (AlexNet conv2 on wasm manages about ten
 * neuron-steps per second at 128 px). Part of every image's content key: changing them renders anew.
 */
export const FEATURE_PARAMS = Object.freeze({ steps: 64, size: 64, seed: 0 });

/** The units of `to` the features section renders, column after column. */
export function featureUnits(view: AlexNetView): number[] {
  return view.featureColumns.flatMap((column) => column.units);
}

/** Factors of |W(from → to)|: the first two components, for the scatter. */
export function loadSvd(client: Client, view: AlexNetView): Promise<Settled<SvdFactors>> {
  const variables = { modelId: view.model.id, from: view.from, to: view.to, components: 2 };
  return settle(query(client, SvdFactorsQuery, variables).then((r) => r.svdFactors));
}

/**
 * Every filter of the first layer, numbered as units of `from`: one query for `from` itself, or one per branch
 * conv of a split first layer, whose units are shifted by the branch's offset in the Concat.
 */
export function loadWeights(client: Client, view: AlexNetView): Promise<Settled<WeightImage[]>> {
  const layers = [...new Map(view.columns.map((c) => [c.filterLayer, c.filterOffset])).entries()];
  const perLayer = layers.map(([layer, offset]) =>
    query(client, WeightImagesQuery, { modelId: view.model.id, layer }).then((r) => r.weightImages.map((image) => ({ ...image, unit: image.unit + offset }))),
  );
  return settle(Promise.all(perLayer).then((sets) => sets.flat().sort((a, b) => a.unit - b.unit)));
}

/** Feature images of {@link featureUnits}; resolves only once the worker has rendered them. */
export function loadFeatures(client: Client, view: AlexNetView): Promise<Settled<FeatureImage[]>> {
  const variables = { modelId: view.model.id, layer: view.to, units: featureUnits(view), ...FEATURE_PARAMS };
  return settle(query(client, FeatureImagesQuery, variables).then((r) => r.featureImages));
}
