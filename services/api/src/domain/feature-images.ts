import {
  featureImageKey,
  renderFeaturesDedupeKey,
  renderFeaturesInput,
  RENDER_FEATURES_JOB,
  type FeatureImageMeta,
  type RenderFeaturesInput,
} from '@branchscope/jobs';
import { channelsShown } from '@branchscope/core';
import { modelDigest } from '@branchscope/store';
import type { ApiDeps } from './api-deps';
import { badInput } from './api-error';
import { jobView, type JobView } from './jobs';
import { artifactUrl, queuedArtifacts } from './queued-artifacts';
import { defaultRenderBackend } from './render-backend';
import type { FeatureImage, ImageDescriptor, ResolversParentTypes } from '../generated/resolver-types';

export interface FeatureImagesArgs {
  modelId: string;
  layer: string;
  units: number[];
  steps?: number | null;
  size?: number | null;
  seed?: number | null;
  /** The backend the images must come from; the in-process worker's by default. */
  backend?: string | null;
}

export type DescriptorView = ImageDescriptor;
/** One unit's feature visualization (the schema's `FeatureImage`). */
export type FeatureImageView = FeatureImage;

/**
 * A stored descriptor as the schema's ImageDescriptor. Images stored before the code spelled it `colorIndex`
 * everywhere carry `colourIndex` in their meta: either is read, so they need no new render.
 */
export const descriptorView = (d: FeatureImageMeta['descriptor'] & { colourIndex?: number }): DescriptorView => ({
  colorIndex: d.colorIndex ?? d.colourIndex ?? Number.NaN,
  frequency: d.frequency,
  orientation: d.orientation,
});

/** The schema's FeatureImagesAnswer (every image once all are stored, else the job rendering the rest), its job a JobView. */
export type FeatureImagesAnswer = ResolversParentTypes['FeatureImagesAnswer'];

/**
 * Feature visualizations of `units` of one layer, one PNG each: from the store when rendered before with the same
 * model digest, parameters, seed and backend; otherwise the missing units are rendered by one `render-features` job
 * (concurrent identical requests share it), answered at once: the images stored so far and the job.
 * BAD_USER_INPUT names the layer, unit or limit broken.
 */
export async function getFeatureImages(deps: ApiDeps, args: FeatureImagesArgs): Promise<FeatureImagesAnswer> {
  const model = await deps.catalog.require(args.modelId);
  const backend = args.backend ?? (await defaultRenderBackend(deps));
  let input: RenderFeaturesInput;
  try {
    input = renderFeaturesInput(model.graph, args, backend);
  } catch (error) {
    if (error instanceof RangeError) throw badInput(error.message, error);
    throw error;
  }
  const digest = modelDigest(model);
  if (backend === null) {
    // No live worker renders: the job goes to the first render worker to come, whose backend keys its images, and
    // asked again once it is live, the images are found under that backend.
    const job = await deps.queue.enqueue(RENDER_FEATURES_JOB, input, { dedupeKey: renderFeaturesDedupeKey(digest, input) });
    return { result: null, stored: [], job: jobView(job) };
  }
  const { layer, steps, size, seed } = input;
  const channels = model.graph.inputShape[0];
  const keyOf = (unit: number) => featureImageKey({ modelDigest: digest, layer, unit, steps, size, seed, backend, channels });
  const keys = input.units.map(keyOf);
  const unitOf = new Map<string, number>(input.units.map((unit, i) => [keys[i]!, unit]));
  const { found, job } = await queuedArtifacts<FeatureImageMeta>(deps, keys, (missing) => {
    const render: RenderFeaturesInput = { ...input, units: missing.map((key) => unitOf.get(key)!) };
    // Keyed by the units asked for, not the ones missing: the same request asked again while its job has stored
    // some units (a page refreshed mid-render) joins that job instead of starting a second one for the rest.
    return deps.queue.enqueue(RENDER_FEATURES_JOB, render, { dedupeKey: renderFeaturesDedupeKey(digest, input) });
  });
  // Answer in the order asked, once per distinct unit.
  const stored = [...new Set(args.units)].flatMap((unit): FeatureImageView[] => {
    const artifact = found.get(keyOf(unit));
    if (!artifact) return [];
    const { trace } = artifact.meta;
    return [
      {
        unit,
        layer,
        key: artifact.key,
        url: artifactUrl(artifact.key),
        backend,
        steps,
        size,
        seed,
        channelsShown: artifact.meta.channelsShown ?? channelsShown(artifact.meta.channels),
        trace: { first: trace[0]!, last: trace.at(-1)!, max: Math.max(...trace), values: trace },
        descriptor: descriptorView(artifact.meta.descriptor),
        jobId: artifact.jobId,
        computedAt: artifact.createdAt,
      },
    ];
  });
  return { result: job ? null : stored, stored, job };
}
