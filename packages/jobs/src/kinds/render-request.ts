import { closeNames, type Graph } from '@branchscope/core';
import { checkBackendLabel } from './backend-label';
import { RENDER_DEFAULTS, RENDER_LIMITS, type RenderFeaturesInput } from './render-features';

/** A render request as callers give it: parameters left out take {@link RENDER_DEFAULTS}. */
export interface RenderRequest {
  modelId: string;
  layer: string;
  units: readonly number[];
  steps?: number | null;
  size?: number | null;
  seed?: number | null;
}

function integerIn(name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${name} must be an integer from ${min} to ${max}, got ${value}`);
  }
  return value;
}

/**
 * Checks a render request against the model's graph and the limits, and returns the job input: defaults filled
 * in, units distinct and ascending. Throws a RangeError naming the problem: an unknown layer (with close names),
 * a unit the layer does not have, too many units, or steps, size or seed out of range.
 */
export function renderFeaturesInput(graph: Graph, request: RenderRequest, backend: string | null): RenderFeaturesInput {
  const node = graph.nodes.find((n) => n.name === request.layer);
  if (!node || node.op === 'input') {
    const names = graph.nodes.filter((n) => n.op !== 'input').map((n) => n.name);
    throw new RangeError(
      `model '${request.modelId}' has no layer '${request.layer}' to render; close names: ${closeNames(request.layer, names).join(', ')}`,
    );
  }
  if (request.units.length === 0) throw new RangeError('units must list at least one unit');
  if (request.units.length > RENDER_LIMITS.maxUnits) {
    throw new RangeError(`at most ${RENDER_LIMITS.maxUnits} units per request, got ${request.units.length}`);
  }
  for (const unit of request.units) {
    if (!Number.isInteger(unit) || unit < 0 || unit >= node.channels) {
      throw new RangeError(
        `layer '${node.name}' of model '${request.modelId}' has ${node.channels} units (0..${node.channels - 1}); unit ${unit} does not exist`,
      );
    }
  }
  return {
    modelId: request.modelId,
    layer: node.name,
    units: [...new Set(request.units)].sort((a, b) => a - b),
    steps: integerIn('steps', request.steps ?? RENDER_DEFAULTS.steps, 1, RENDER_LIMITS.maxSteps),
    size: integerIn('size', request.size ?? RENDER_DEFAULTS.size, RENDER_LIMITS.minSize, RENDER_LIMITS.maxSize),
    seed: integerIn('seed', request.seed ?? RENDER_DEFAULTS.seed, 0, 2 ** 31 - 1),
    backend: backend === null ? null : checkBackendLabel(backend),
  };
}
