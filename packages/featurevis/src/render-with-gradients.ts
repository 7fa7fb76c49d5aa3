import * as tf from '@tensorflow/tfjs-core';
import '@branchscope/runtime/gradients';
import type { GradientFeatureModel, GradientResult, ParamEngine } from './gradient-feature-model';
import type { Objective } from './objective';
import type { RenderOptions, RenderResult } from './render';
import { startRender } from './render-run';
import { RECIPE } from './constants';
import { cropNhwc, modelInput, modelInputAdjoint } from './model-input';
import { drawTransform, fitTo, warpTransforms } from './transforms';
import { firstJitterOffset, warpAdjoint } from './transforms-adjoint';

export interface GradientRenderOptions extends Omit<RenderOptions, 'model'> {
  /** The model part of each step, run outside TF.js (onnxruntime) or by the TF.js reference. */
  model: GradientFeatureModel;
  /**
   * The objective is linear in the activations (channel, neuron, channels and their sums and multiples), so its
   * gradient is one constant seed: one model call per step. Default: true with `units`, false with `objective`
   * (then each step calls the model twice: activations first, the seed from them, then the gradient).
   */
  linearObjective?: boolean;
}

/**
 * The reference recipe with the model outside TF.js's tape: per step the images come from the Fourier spectrum
 * (on the model's engine where it brings the parameterization, else in TF.js), TF.js warps them by the drawn
 * transforms and the last crop lays them out as the model's input (`modelInput`, plain arrays); the
 * {@link GradientFeatureModel} returns the activations and dLoss/dInput for the objective's seed (dLoss/dActivation,
 * loss = −objective), and dLoss/dInput goes back through the transforms and the parameterization by their adjoints
 * (`modelInputAdjoint`, `warpAdjoint`, `spectrumGradient`), so the recipe runs forward once per step, into Adam. Images, traces and
 * seeding follow {@link renderFeatures}: same options, same seed, same engine give the same images.
 */
export async function renderFeaturesWithGradients(options: GradientRenderOptions): Promise<RenderResult> {
  const run = startRender(options, 'renderFeaturesWithGradients');
  const { objective, batch, steps, inputSize, height, width, lo, hi, param, optimizer } = run;
  const model = options.model;
  for (const layer of objective.layers) {
    if (!model.layers.includes(layer)) {
      run.dispose();
      throw new RangeError(`renderFeaturesWithGradients: the objective reads layer ${layer}, which the ${model.engine} model does not return (it returns: ${model.layers.join(', ')})`);
    }
  }
  const linear = options.linearObjective ?? options.units !== undefined;
  const dims = [batch, options.channels, inputSize[0], inputSize[1]];
  const zeroSeeds = Object.fromEntries(model.layers.map((l) => [l, new Float32Array(product(model.activationDims(l, dims)))]));
  let constantSeeds: Record<string, Float32Array> | undefined;
  let engineParam: ParamEngine | undefined;
  try {
    engineParam = await model.openParameterization?.({ batch, height, width, channels: param.shape[3] });
    for (let step = 0; step < steps; step++) {
      if (options.signal?.aborted) throw new Error(`renderFeaturesWithGradients: aborted at step ${step} of ${steps}`);
      const draw = options.transforms === false ? undefined : drawTransform(run.random);
      // The images: from the parameterization's engine where the model brings one, else TF.js's.
      const pixelData = engineParam ? await engineParam.pixels((await param.spectrum.data()) as Float32Array) : undefined;
      const pixels = pixelData ? tf.tensor4d(pixelData, param.shape) : param.pixels();
      let gradSpectrum: tf.Tensor;
      let values: number[];
      try {
        // The model's input, NCHW in its range, computed once: the transforms' gradient is their adjoint.
        const warped = draw ? warpTransforms(pixels, draw) : undefined;
        const warpedDims = warped?.shape;
        const data = warped
          ? modelInput((await warped.data()) as Float32Array, warped.shape, draw!.jitterLast, inputSize, [lo, hi])
          : await nchwInput(pixels, inputSize, lo, hi);
        warped?.dispose();
        const input = { data, dims };
        const redirect = step < run.redirectSteps;
        let result: GradientResult;
        if (linear) {
          constantSeeds ??= seedsOf(objective, (await model.run({ input, seeds: zeroSeeds, redirect })).activations, batch);
          result = await model.run({ input, seeds: constantSeeds, redirect });
        } else {
          const first = await model.run({ input, seeds: zeroSeeds, redirect });
          result = await model.run({ input, seeds: seedsOf(objective, first.activations, batch), redirect });
        }
        values = linear ? linearValues(constantSeeds!, result.activations, objective.layers, batch) : valuesOf(objective, result.activations, batch);
        // dLoss/dPixels through the transforms' adjoint, then dLoss/dspectrum through the parameterization's.
        let dPixels: Float32Array;
        if (draw) {
          const gradWarped = tf.tensor4d(modelInputAdjoint(result.gradInput, warpedDims!, draw.jitterLast, inputSize, [lo, hi]), warpedDims!);
          const gradPadded = warpAdjoint(gradWarped, draw, [height + 2 * RECIPE.pad - RECIPE.jitterFirst, width + 2 * RECIPE.pad - RECIPE.jitterFirst]);
          gradWarped.dispose();
          dPixels = cropNhwc((await gradPadded.data()) as Float32Array, gradPadded.shape, firstJitterOffset(draw), [height, width]);
          gradPadded.dispose();
        } else {
          const gradPixels = tf.tidy(() => {
            const gradPlaced = tf.mul(tf.transpose(tf.tensor4d(result.gradInput, dims as [number, number, number, number]), [0, 2, 3, 1]), hi - lo) as tf.Tensor4D;
            return tf.grad((x: tf.Tensor) => fitTo(x as tf.Tensor4D, inputSize))(pixels, gradPlaced) as tf.Tensor4D;
          });
          dPixels = (await gradPixels.data()) as Float32Array;
          gradPixels.dispose();
        }
        gradSpectrum = engineParam
          ? tf.tensor(await engineParam.spectrumGradient(pixelData!, dPixels), param.spectrum.shape)
          : tf.tidy(() => param.spectrumGradient(pixels, tf.tensor4d(dPixels, param.shape)));
      } finally {
        pixels.dispose();
      }
      optimizer.applyGradients([{ name: param.spectrum.name, tensor: gradSpectrum }]);
      gradSpectrum.dispose();
      run.record(step, values);
      await new Promise((resolve) => setImmediate(resolve));
    }
    return await run.finish();
  } finally {
    await engineParam?.release();
    run.dispose();
  }
}

const product = (dims: readonly number[]): number => dims.reduce((a, b) => a * b, 1);

/** Images fitted to the model's size (no transforms), NCHW in [lo, hi]. */
async function nchwInput(pixels: tf.Tensor4D, size: [number, number], lo: number, hi: number): Promise<Float32Array> {
  const nchw = tf.tidy(() => tf.transpose(tf.add(tf.mul(fitTo(pixels, size), hi - lo), lo), [0, 3, 1, 2]));
  const data = (await nchw.data()) as Float32Array;
  nchw.dispose();
  return data;
}

/** NCHW activations as the NHWC tensors the objectives read, in the order of `objective.layers`. */
function nhwcActivations(objective: Objective, activations: GradientResult['activations']): tf.Tensor4D[] {
  return objective.layers.map((layer) => {
    const a = activations[layer];
    if (!a) throw new RangeError(`the gradient model returned no activations for layer ${layer}`);
    const [n, c, h, w] = a.dims.length === 2 ? [a.dims[0]!, a.dims[1]!, 1, 1] : a.dims;
    return tf.transpose(tf.tensor4d(a.data, [n!, c!, h!, w!]), [0, 2, 3, 1]) as tf.Tensor4D;
  });
}

const perImageOf = (objective: Objective, ts: readonly tf.Tensor[], batch: number): tf.Tensor1D =>
  objective.perImage({ activations: (layer) => ts[objective.layers.indexOf(layer)] as tf.Tensor4D, batch });

/** The objective's per-image values on NCHW activations. */
function valuesOf(objective: Objective, activations: GradientResult['activations'], batch: number): number[] {
  return tf.tidy(() => Array.from(perImageOf(objective, nhwcActivations(objective, activations), batch).dataSync()));
}

/** The objective's seeds dLoss/dActivation (loss = −objective) on NCHW activations, NCHW, computed by TF.js. */
function seedsOf(objective: Objective, activations: GradientResult['activations'], batch: number): Record<string, Float32Array> {
  // Tensors out of the tidy, arrays after it: tidy walks what it returns, element by element for a typed array.
  const nchw = tf.tidy(() => {
    const grads = tf.grads((...ts: tf.Tensor[]) => tf.neg(tf.sum(perImageOf(objective, ts, batch))))(nhwcActivations(objective, activations));
    return grads.map((g) => tf.transpose(g, [0, 3, 1, 2]));
  });
  const seeds = Object.fromEntries(objective.layers.map((layer, i) => [layer, nchw[i]!.dataSync() as Float32Array]));
  tf.dispose(nchw);
  return seeds;
}

/**
 * A linear objective's per-image values read off its constant seeds: with loss = −Σ objective and each image's value
 * linear in its own activations, value_i = −Σ seed · activation over image i's elements of every layer (summed in
 * float64 over the seed's non-zero entries), no TF.js transpose of the activations.
 */
function linearValues(seeds: Record<string, Float32Array>, activations: GradientResult['activations'], layers: readonly string[], batch: number): number[] {
  const values = new Array<number>(batch).fill(0);
  for (const layer of layers) {
    const seed = seeds[layer]!;
    const a = activations[layer];
    if (!a) throw new RangeError(`the gradient model returned no activations for layer ${layer}`);
    if (a.data.length !== seed.length) throw new RangeError(`layer ${layer}: the model returned ${a.data.length} activations, the objective's seed has ${seed.length}`);
    const perImage = seed.length / batch;
    for (const i of nonZeros(seed)) values[Math.floor(i / perImage)]! -= seed[i]! * a.data[i]!;
  }
  return values;
}

const nonZeroCache = new WeakMap<Float32Array, Int32Array>();
/** Positions of a constant seed's non-zero entries (a unit's seed is one channel of one image), found once per seed. */
function nonZeros(seed: Float32Array): Int32Array {
  let found = nonZeroCache.get(seed);
  if (!found) {
    const at: number[] = [];
    for (let i = 0; i < seed.length; i++) if (seed[i] !== 0) at.push(i);
    nonZeroCache.set(seed, (found = Int32Array.from(at)));
  }
  return found;
}
