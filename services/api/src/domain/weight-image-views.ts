import { isFirstConv, weightImageKey, weightImagesDedupeKey, WEIGHT_IMAGES_JOB, type WeightImageMeta } from '@branchscope/jobs';
import { channelsShown } from '@branchscope/core';
import { modelDigest } from '@branchscope/store';
import type { ApiDeps } from './api-deps';
import { badInput } from './api-error';
import { answered, pending, type Answer } from './answer';
import { descriptorView, type DescriptorView } from './feature-images';
import { requireLayer } from './layer-branches';
import { artifactUrl, queuedArtifacts } from './queued-artifacts';
import type { QueryWeightImagesArgs, WeightImage } from '../generated/resolver-types';

/** The schema's `weightImages` arguments. */
export type WeightImagesArgs = QueryWeightImagesArgs;

/** One filter of a first conv layer as an image (the schema's `WeightImage`). */
export type WeightImageView = WeightImage;

/**
 * Every filter of a first conv layer as a PNG scaled symmetrically around mid-grey, with color index, frequency
 * and orientation from its weights. Computed once by a `weight-images` job (answered at once with the job while it
 * runs), then served from the store.
 * BAD_USER_INPUT names a layer that is unknown or not a first conv.
 */
export async function getWeightImages(deps: ApiDeps, args: WeightImagesArgs): Promise<Answer<WeightImageView[]>> {
  const model = await deps.catalog.require(args.modelId);
  const node = requireLayer(model, args.layer);
  if (!isFirstConv(model.graph, node.name)) {
    throw badInput(`model '${model.id}': layer '${node.name}' is not a first conv layer (a conv fed by the input); weight images exist only there`);
  }
  const digest = modelDigest(model);
  const keys = Array.from({ length: node.channels }, (_, unit) => weightImageKey(digest, node.name, unit));
  const { found, job } = await queuedArtifacts<WeightImageMeta>(deps, keys, () =>
    deps.queue.enqueue(WEIGHT_IMAGES_JOB, { modelId: model.id, layer: node.name }, { dedupeKey: weightImagesDedupeKey(digest, node.name) }),
  );
  if (job) return pending(job);
  return answered(keys.map((key, unit) => {
    const { meta } = found.get(key)!;
    const shown = meta.channelsShown ?? channelsShown(meta.channels);
    return { unit, key, url: artifactUrl(key), height: meta.height, width: meta.width, channels: meta.channels, channelsShown: shown, ...descriptorView(meta.descriptor) };
  }));
}
