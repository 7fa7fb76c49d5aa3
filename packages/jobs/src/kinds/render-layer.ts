import { closeNames, type Graph } from '@branchscope/core';
import { checkBackendLabel } from './backend-label';
import { contentKey, type ResultKey } from '@branchscope/store';
import { FEATURE_RENDER_VERSION, RENDER_DEFAULTS, RENDER_LIMITS, type RenderFeaturesInput } from './render-features';

/**
 * The `render-layer` job: every unit of one layer (all 480 of InceptionV1's mixed3b), rendered as `render-features`
 * renders them, in batches, each unit stored under its own `featureImageKey` as soon as its batch ends. Units
 * already stored are skipped, so a job run again (after a kill, or asked again) resumes where the last one stopped,
 * and `featureImages` serves the layer's images from the store. Progress is per unit; a cancel stops it between
 * steps, keeping the units stored.
 */
export const RENDER_LAYER_JOB = 'render-layer';

/** Most units one `render-layer` job renders: the widest layers of the zoo fit (VGG's 4096-unit dense layers). */
export const RENDER_LAYER_MAX_UNITS = 4096;

/** A whole-layer render as callers give it: parameters left out take {@link RENDER_DEFAULTS}. */
export interface RenderLayerRequest {
  modelId: string;
  layer: string;
  steps?: number | null;
  size?: number | null;
  seed?: number | null;
}

function integerIn(name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) throw new RangeError(`${name} must be an integer from ${min} to ${max}, got ${value}`);
  return value;
}

/**
 * The job input for every unit of `request.layer`: a `render-features` input whose units are all of the layer's.
 * Throws a RangeError naming an unknown layer (with close names), a layer wider than {@link RENDER_LAYER_MAX_UNITS},
 * or steps, size or seed out of range.
 */
export function renderLayerInput(graph: Graph, request: RenderLayerRequest, backend: string | null): RenderFeaturesInput {
  const node = graph.nodes.find((n) => n.name === request.layer);
  if (!node || node.op === 'input') {
    const names = graph.nodes.filter((n) => n.op !== 'input').map((n) => n.name);
    throw new RangeError(`model '${request.modelId}' has no layer '${request.layer}' to render; close names: ${closeNames(request.layer, names).join(', ')}`);
  }
  if (node.channels > RENDER_LAYER_MAX_UNITS) {
    throw new RangeError(`layer '${node.name}' of model '${request.modelId}' has ${node.channels} units; a render-layer job renders at most ${RENDER_LAYER_MAX_UNITS}`);
  }
  return {
    modelId: request.modelId,
    layer: node.name,
    units: Array.from({ length: node.channels }, (_, unit) => unit),
    steps: integerIn('steps', request.steps ?? RENDER_DEFAULTS.steps, 1, RENDER_LIMITS.maxSteps),
    size: integerIn('size', request.size ?? RENDER_DEFAULTS.size, RENDER_LIMITS.minSize, RENDER_LIMITS.maxSize),
    seed: integerIn('seed', request.seed ?? RENDER_DEFAULTS.seed, 0, 2 ** 31 - 1),
    backend: backend === null ? null : checkBackendLabel(backend),
  };
}

/** The dedupe key of a whole-layer render: the same layer and parameters of the same model digest share one job. */
export function renderLayerDedupeKey(modelDigest: string, input: RenderFeaturesInput): ResultKey {
  const { modelId: _id, units: _units, ...rest } = input;
  return contentKey(RENDER_LAYER_JOB, modelDigest, { ...rest, renderVersion: FEATURE_RENDER_VERSION });
}
