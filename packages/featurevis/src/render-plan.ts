import type { HwcImage } from '@branchscope/core';
import { RECIPE } from './constants';
import type { Objective } from './objective';
import { channels as channelsObjective } from './objectives';
import type { RenderOptions } from './render';

/** Offset between the spectrum's seed and the transforms' seed, so the two streams differ. */
export const TRANSFORM_SEED_OFFSET = 0x9e3779b9;

export const pair = (v: number | [number, number]): [number, number] => (typeof v === 'number' ? [v, v] : v);

/** What every render engine reads from its options: the objective, batch and steps, checked. */
export function planRender(options: Omit<RenderOptions, 'model'>, caller = 'renderFeatures'): { objective: Objective; batch: number; steps: number } {
  const { objective, units } = options;
  if ((objective === undefined) === (units === undefined)) throw new Error(`${caller}: give exactly one of objective and units`);
  const batch = units ? units.length : options.batch ?? 1;
  const steps = options.steps ?? (units ? RECIPE.batchSteps : RECIPE.steps);
  if (!Number.isInteger(batch) || batch < 1) throw new RangeError(`${caller}: batch must be a positive integer, got ${batch}`);
  if (!Number.isInteger(steps) || steps < 1) throw new RangeError(`${caller}: steps must be a positive integer, got ${steps}`);
  const [lo, hi] = options.inputRange;
  if (!(hi > lo)) throw new RangeError(`${caller}: inputRange [${lo}, ${hi}] must be increasing`);
  if (options.imageSeeds && options.imageSeeds.length !== batch) {
    throw new RangeError(`${caller}: imageSeeds has ${options.imageSeeds.length} seeds for ${batch} images`);
  }
  return { objective: objective ?? channelsObjective(options.layer ?? 'output', units!), batch, steps };
}

/** Splits a batch of NHWC pixels into one HWC image per batch entry. */
export function splitImages(data: Float32Array, batch: number, height: number, width: number, channels: number): HwcImage[] {
  const size = height * width * channels;
  return Array.from({ length: batch }, (_, b) => ({
    data: Float32Array.from(data.subarray(b * size, (b + 1) * size)),
    height,
    width,
    channels,
  }));
}
