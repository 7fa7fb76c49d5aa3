import * as tf from '@tensorflow/tfjs-core';
import { createRandom, type Random } from '@branchscope/core';
import { RECIPE } from './constants';
import { fourierParam, type FourierParam } from './fourier-param';
import type { Objective } from './objective';
import type { RenderOptions, RenderResult } from './render';
import { pair, planRender, splitImages, TRANSFORM_SEED_OFFSET } from './render-plan';

/** One render's state, the same on every engine: its plan, sizes, transform stream, spectrum, Adam and traces. */
export interface RenderRun {
  objective: Objective;
  batch: number;
  steps: number;
  /** The model's input height and width; the rendered images are `height` x `width`. */
  inputSize: [number, number];
  height: number;
  width: number;
  /** The model's pixel range. */
  lo: number;
  hi: number;
  /** Steps with the redirected ReLU gradient. */
  redirectSteps: number;
  /** The seeded stream the transforms are drawn from. */
  random: Random;
  param: FourierParam;
  optimizer: tf.AdamOptimizer;
  /** Records a step's per-image objective values and reports the step. */
  record(step: number, values: number[]): void;
  /** The images as they stand and the traces. */
  finish(): Promise<RenderResult>;
  dispose(): void;
}

/** Checks `options` (as {@link planRender}) and sets up a render by the reference recipe. */
export function startRender(options: Omit<RenderOptions, 'model'>, caller?: string): RenderRun {
  const plan = planRender(options, caller);
  const [height, width] = pair(options.size ?? options.inputSize);
  const [lo, hi] = options.inputRange;
  const param = fourierParam({ batch: plan.batch, height, width, channels: options.channels, seed: options.seed, imageSeeds: options.imageSeeds });
  const optimizer = tf.train.adam(options.learningRate ?? RECIPE.learningRate, 0.9, 0.999, RECIPE.adamEpsilon);
  const trace: number[] = [];
  const perImageTrace: number[][] = [];
  return {
    ...plan,
    inputSize: pair(options.inputSize),
    height,
    width,
    lo,
    hi,
    redirectSteps: options.reluRedirectSteps ?? RECIPE.reluRedirectSteps,
    random: createRandom(options.seed + TRANSFORM_SEED_OFFSET),
    param,
    optimizer,
    record(step, values) {
      const value = values.reduce((a, b) => a + b, 0);
      trace.push(value);
      perImageTrace.push(values);
      options.onStep?.(step, value);
    },
    async finish() {
      const pixels = param.pixels();
      const data = (await pixels.data()) as Float32Array;
      pixels.dispose();
      return { images: splitImages(data, plan.batch, height, width, options.channels), trace, perImageTrace };
    },
    dispose() {
      optimizer.dispose();
      param.dispose();
    },
  };
}
