import * as tf from '@tensorflow/tfjs-core';
import '@branchscope/runtime/gradients';
import { registerWasmTrainingKernels } from '@branchscope/runtime';
import type { HwcImage } from '@branchscope/core';
import { layerLookup, type FeatureModel } from './feature-model';
import type { Objective } from './objective';
import { redirectedRelu } from '@branchscope/runtime';
import { startRender } from './render-run';
import { applyTransforms, drawTransform, fitTo } from './transforms';

export interface RenderOptions {
  model: FeatureModel;
  /** The model's input height and width (a number for square inputs). */
  inputSize: number | [number, number];
  /** The model's input channels; the rendered images have as many. */
  channels: number;
  /** The pixel range the model expects, e.g. [-117, 138]; rendered pixels in [0, 1] are mapped onto it. */
  inputRange: [number, number];
  /** What to maximise; give this or `units`. */
  objective?: Objective;
  /** Many neurons at once: image b maximises channel(layer, units[b]). */
  units?: readonly number[];
  /** Layer of `units` (default 'output', which a single-tensor model serves). */
  layer?: string;
  /** Images in the batch when `objective` is given (default 1); `units.length` otherwise. */
  batch?: number;
  /** Optimisation steps (default 512 with `objective`, 128 with `units`, as in the recipe). */
  steps?: number;
  seed: number;
  /**
   * One seed per image for its initial spectrum (`seed` still draws the transforms): an image then depends only
   * on its own objective, its seed and the shared transforms, not on the rest of the batch. Lets a cache store
   * each unit of a batch render under its own key.
   */
  imageSeeds?: readonly number[];
  /** Size of the rendered images (default `inputSize`); transforms then crop or pad to `inputSize`. */
  size?: number | [number, number];
  /** Apply the recipe's random transforms (default true). */
  transforms?: boolean;
  /** Steps with the redirected ReLU gradient (default 16). */
  reluRedirectSteps?: number;
  /** Adam learning rate (default 0.05). */
  learningRate?: number;
  /** Called after every step with the objective's value before that step's update. */
  onStep?: (step: number, value: number) => void;
  /** Stops the render between steps. */
  signal?: AbortSignal;
}

export interface RenderResult {
  /** One image per batch entry, HWC in [0, 1], before transforms. */
  images: HwcImage[];
  /** The objective's value at every step, before that step's update. */
  trace: number[];
  /** Each image's contribution to the objective at every step: perImageTrace[step][image]. */
  perImageTrace: number[][];
}

/**
 * Feature visualization with the reference recipe: Fourier-space, colour-decorrelated images, the random
 * transforms, Adam maximising the objective, ReLU gradients redirected for the first steps. The same model,
 * options and seed give the same images on the same backend. Disposes every tensor it creates.
 */
export async function renderFeatures(options: RenderOptions): Promise<RenderResult> {
  const run = startRender(options);
  const { objective, batch, steps, inputSize, lo, hi, param, optimizer } = run;
  // The stock wasm input gradient of a convolution is a scalar loop; this one halves InceptionV1 render steps.
  registerWasmTrainingKernels();
  try {
    for (let step = 0; step < steps; step++) {
      if (options.signal?.aborted) throw new Error(`renderFeatures: aborted at step ${step} of ${steps}`);
      const draw = options.transforms === false ? undefined : drawTransform(run.random);
      const relu = step < run.redirectSteps ? redirectedRelu : tf.relu;
      let perImage: tf.Tensor1D | undefined;
      const loss = optimizer.minimize(
        () => {
          const pixels = param.pixels();
          const placed = draw ? applyTransforms(pixels, draw, inputSize) : fitTo(pixels, inputSize);
          const input = tf.add(tf.mul(placed, hi - lo), lo) as tf.Tensor4D;
          const activations = layerLookup(options.model(input, { layers: objective.layers, relu }), batch);
          perImage = tf.keep(objective.perImage({ activations, batch }));
          return tf.neg(tf.sum(perImage)) as tf.Scalar;
        },
        true,
        [param.spectrum],
      );
      loss?.dispose();
      const values = Array.from(await perImage!.data());
      perImage!.dispose();
      run.record(step, values);
      // Let a job runner's timers and I/O through between steps.
      await new Promise((resolve) => setImmediate(resolve));
    }
    return await run.finish();
  } finally {
    run.dispose();
  }
}
