import { isFirstConv } from '@branchscope/jobs';
import type { ApiDeps } from './api-deps';
import { badInput } from './api-error';
import { answered, mapAnswer, pending, type Answer } from './answer';
import { getFeatureImages, type DescriptorView, type FeatureImagesArgs } from './feature-images';
import { requireLayer } from './layer-branches';
import { getWeightImages } from './weight-image-views';
import type { NeuronDescriptor } from '../generated/resolver-types';


/** The schema's `NeuronDescriptor`: `imageKey` is the weight image or feature image it was measured on. */
export type NeuronDescriptorView = NeuronDescriptor;

export type NeuronDescriptorsArgs = Omit<FeatureImagesArgs, 'units'> & { units?: number[] | null };

/**
 * Color index, dominant frequency and orientation per unit: from the weights for a first conv layer (every unit,
 * or `units`), from the feature images deeper (rendered or read back as `featureImages` does, so `units` is
 * required there and the same limits apply). Answered at once: the descriptors once their images are stored, else
 * the job making those images. BAD_USER_INPUT names the layer or the missing argument.
 */
export async function getNeuronDescriptors(deps: ApiDeps, args: NeuronDescriptorsArgs): Promise<Answer<NeuronDescriptorView[]>> {
  const model = await deps.catalog.require(args.modelId);
  const node = requireLayer(model, args.layer);
  if (isFirstConv(model.graph, node.name)) {
    for (const unit of args.units ?? []) {
      if (!Number.isInteger(unit) || unit < 0 || unit >= node.channels) {
        throw badInput(`layer '${node.name}' of model '${model.id}' has ${node.channels} units (0..${node.channels - 1}); unit ${unit} does not exist`);
      }
    }
    const answer = await getWeightImages(deps, { modelId: model.id, layer: node.name });
    return mapAnswer(answer, (images) => {
      const wanted = args.units ? [...new Set(args.units)].map((unit) => images[unit]!) : images;
      return wanted.map(({ unit, key, url, colorIndex, frequency, orientation }): NeuronDescriptorView => ({
        unit,
        colorIndex,
        frequency,
        orientation,
        source: 'weights',
        imageKey: key,
        imageUrl: url,
      }));
    });
  }
  if (!args.units) {
    throw badInput(`layer '${node.name}' is not a first conv layer, so its descriptors come from feature images: pass units (at most 64 per request)`);
  }
  const { result, job } = await getFeatureImages(deps, { ...args, units: args.units });
  if (!result) return pending(job!);
  return answered(result.map(({ unit, key, url, descriptor }): NeuronDescriptorView => ({ unit, ...descriptor, source: 'feature-image', imageKey: key, imageUrl: url })));
}
