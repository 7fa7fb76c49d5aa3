import { FeatureImagesQuery, SvdFactorsQuery, WeightImagesQuery, query } from '@branchscope/client';
import type { Answer, Client, FeatureImage, SvdFactors, WeightImage } from '@branchscope/client';
import type { AlexNetView } from './resolve-alexnet-model';
import { settleAnswer } from './settle';
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

/** Factors of |W(from → to)|: the first two components, for the scatter; or the job computing them. */
export function loadSvd(client: Client, view: AlexNetView): Promise<Settled<SvdFactors>> {
  const variables = { modelId: view.model.id, from: view.from, to: view.to, components: 2 };
  return settleAnswer(query(client, SvdFactorsQuery, variables).then((r) => r.svdFactors));
}

/**
 * Every filter of the first layer, numbered as units of `from`: one query for `from` itself, or one per branch
 * conv of a split first layer, whose units are shifted by the branch's offset in the Concat. While a layer's images
 * are being made, the job making them.
 */
export function loadWeights(client: Client, view: AlexNetView): Promise<Settled<WeightImage[]>> {
  const layers = [...new Map(view.columns.map((c) => [c.filterLayer, c.filterOffset])).entries()];
  const perLayer = layers.map(([layer, offset]) =>
    query(client, WeightImagesQuery, { modelId: view.model.id, layer }).then(({ weightImages }) => ({
      result: weightImages.result?.map((image) => ({ ...image, unit: image.unit + offset })) ?? null,
      job: weightImages.job,
    })),
  );
  return settleAnswer(
    Promise.all(perLayer).then((answers): Answer<WeightImage[]> => {
      const pending = answers.find((answer) => answer.result === null);
      if (pending) return { result: null, job: pending.job };
      return { result: answers.flatMap((answer) => answer.result!).sort((a, b) => a.unit - b.unit), job: null };
    }),
  );
}

/** Feature images of {@link featureUnits}, or the render job while the worker renders them. */
export function loadFeatures(client: Client, view: AlexNetView): Promise<Settled<FeatureImage[]>> {
  const variables = { modelId: view.model.id, layer: view.to, units: featureUnits(view), ...FEATURE_PARAMS };
  return settleAnswer(query(client, FeatureImagesQuery, variables).then((r) => r.featureImages));
}
