import { channelsShown, describeFilters } from '@branchscope/core';
import {
  isFirstConv,
  weightImageKey,
  WEIGHT_IMAGE_ARTIFACT,
  type JobData,
  type JobHandler,
  type WeightImageMeta,
  type WeightImagesInput,
} from '@branchscope/jobs';
import { encodePng, weightImages } from '@branchscope/featurevis';
import { modelDigest } from '@branchscope/store';
import { loadModelWeights } from '../load-model-weights';

export interface WeightImagesDeps {
  data: JobData;
}

/**
 * The `weight-images` handler: every filter of a first conv layer as a PNG scaled symmetrically around mid-grey,
 * with its colour index, frequency and orientation from the weights, one artifact per unit under
 * {@link weightImageKey}. Filters of other than 3 input channels are drawn as core's `displayImage` draws them
 * (channels 0-2 as RGB, never alpha), and their colour index is measured on the same channels. Fails naming the
 * layer when it is not a first conv.
 */
export function weightImagesHandler(deps: WeightImagesDeps): JobHandler<WeightImagesInput> {
  return async ({ input, job }) => {
    const model = await deps.data.reads.requireModel(input.modelId);
    if (!isFirstConv(model.graph, input.layer)) {
      throw new Error(`model '${model.id}': layer '${input.layer}' is not a first conv layer (a conv fed by the input), so its filters are not images`);
    }
    const digest = modelDigest(model);
    const weights = (await loadModelWeights(deps.data.reads, model)).conv(input.layer);
    const units = Array.from({ length: weights.shape[0] }, (_, unit) => unit);
    const keys = units.map((unit) => weightImageKey(digest, input.layer, unit));
    const stored = await deps.data.reads.storedArtifacts(keys);
    if (stored.size === units.length) return {};
    const images = weightImages(weights);
    const descriptors = describeFilters(weights);
    for (const unit of units) {
      if (stored.has(keys[unit]!)) continue;
      const image = images[unit]!;
      const meta: WeightImageMeta = {
        modelId: model.id,
        modelDigest: digest,
        layer: input.layer,
        unit,
        height: weights.shape[2],
        width: weights.shape[3],
        channels: weights.shape[1],
        channelsShown: channelsShown(weights.shape[1]),
        descriptor: descriptors[unit]!,
      };
      const bytes = encodePng(image);
      await deps.data.writes.putArtifact({ key: keys[unit]!, kind: WEIGHT_IMAGE_ARTIFACT, modelId: model.id, mediaType: 'image/png', bytes, meta, jobId: job.id });
    }
    return {};
  };
}
