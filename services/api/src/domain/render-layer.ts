import { RENDER_LAYER_JOB, renderLayerDedupeKey, renderLayerInput, type RenderFeaturesInput } from '@branchscope/jobs';
import { modelDigest } from '@branchscope/store';
import type { ApiDeps } from './api-deps';
import { badInput } from './api-error';
import { jobView, type JobView } from './jobs';
import { defaultRenderBackend } from './render-backend';

export interface RenderLayerArgs {
  modelId: string;
  layer: string;
  steps?: number | null;
  size?: number | null;
  seed?: number | null;
  /** The backend the images must come from; the in-process worker's by default. */
  backend?: string | null;
}

/**
 * Starts (or joins: the same layer and parameters share one job) a `render-layer` job rendering every unit of the
 * layer, and returns it at once; `jobProgress` follows it and `featureImages` serves its units as they are stored.
 * BAD_USER_INPUT names an unknown layer or a parameter out of range.
 */
export async function renderLayer(deps: ApiDeps, args: RenderLayerArgs): Promise<JobView> {
  const model = await deps.catalog.require(args.modelId);
  // Pinned to the default backend when none is named; with no live render worker, to the first one to come.
  const backend = args.backend ?? (await defaultRenderBackend(deps));
  let input: RenderFeaturesInput;
  try {
    input = renderLayerInput(model.graph, args, backend);
  } catch (error) {
    if (error instanceof RangeError) throw badInput(error.message, error);
    throw error;
  }
  return jobView(await deps.queue.enqueue(RENDER_LAYER_JOB, input, { dedupeKey: renderLayerDedupeKey(modelDigest(model), input) }));
}
