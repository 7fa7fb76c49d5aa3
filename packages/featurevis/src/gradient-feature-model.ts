import * as tf from '@tensorflow/tfjs-core';
import type { FeatureModel } from './feature-model';
import { redirectedRelu } from '@branchscope/runtime';

/** A float32 tensor outside TF.js: row-major data and its dimensions. */
export interface PlainTensor {
  data: Float32Array;
  dims: readonly number[];
}

/** One call of a {@link GradientFeatureModel}. */
export interface GradientRequest {
  /** The transformed images, NCHW, in the model's input range. */
  input: PlainTensor;
  /** dLoss/dActivation per layer of {@link GradientFeatureModel.layers}, NCHW like the activations. */
  seeds: Readonly<Record<string, Float32Array>>;
  /** Redirected ReLU gradient (the recipe's first steps) instead of the true one. */
  redirect: boolean;
}

export interface GradientResult {
  /** Activations of every layer of the model, NCHW. */
  activations: Readonly<Record<string, PlainTensor>>;
  /** dLoss/dInput, NCHW like the input. */
  gradInput: Float32Array;
}

/** The images a render optimizes, with the spectrum's decay. */
export interface ParamShape {
  batch: number;
  height: number;
  width: number;
  channels: number;
  /** Exponent of the 1/f spectrum scaling (default the recipe's). */
  decayPower?: number;
}

/**
 * The Fourier parameterization of `fourierParam` computed by an engine outside TF.js: the same spectrum layout
 * [2, batch, channels, h, w/2+1] and pixels NHWC in [0, 1], as plain arrays.
 */
export interface ParamEngine {
  /** The images for a spectrum. */
  pixels(spectrum: Float32Array): Promise<Float32Array>;
  /** dLoss/dspectrum from the images `pixels` returned and dLoss/dPixels. */
  spectrumGradient(pixels: Float32Array, dPixels: Float32Array): Promise<Float32Array>;
  release(): Promise<void>;
}

/**
 * The model part of a feature-visualization step as an engine outside TF.js's tape sees it: images in, the
 * layers' activations and the input gradient of `sum(seed · activation)` out, in one call. onnxruntime runs it
 * from a generated gradient graph ({@link ortGradientFeatureModel}); {@link tfjsGradientFeatureModel} is the
 * TF.js reference.
 */
export interface GradientFeatureModel {
  /** The layers it returns (and takes seeds for). */
  readonly layers: readonly string[];
  /** Activation shape [N, C, H, W] of `layer` for an NCHW input of `inputDims`. */
  activationDims(layer: string, inputDims: readonly number[]): number[];
  run(request: GradientRequest): Promise<GradientResult>;
  /** Where it runs, for logs and image provenance, e.g. `ort-cpu` or `tfjs-wasm`. */
  readonly engine: string;
  /**
   * Opens the Fourier parameterization on the same engine (the render then runs only the transforms and Adam in
   * TF.js); absent where the engine has none, and the render computes it in TF.js.
   */
  openParameterization?(shape: ParamShape): Promise<ParamEngine>;
  dispose(): void;
}

/**
 * The TF.js reference engine: the same contract computed with TF.js's own gradients through a
 * {@link FeatureModel} (NHWC), the redirected ReLU through the request's `relu`. Activation shapes are learnt
 * from a forward pass on the first call for each input shape.
 */
export function tfjsGradientFeatureModel(model: FeatureModel, layers: readonly string[], engine = `tfjs-${tf.getBackend()}`): GradientFeatureModel {
  const shapes = new Map<string, number[]>();
  const key = (layer: string, dims: readonly number[]) => `${layer}@${dims.join('x')}`;
  const nhwcOut = (out: ReturnType<FeatureModel>, layer: string): tf.Tensor4D => {
    const t = out instanceof tf.Tensor ? out : out[layer];
    if (!t) throw new RangeError(`tfjsGradientFeatureModel: the model returned no activations for layer ${layer}`);
    return t;
  };
  return {
    layers,
    engine,
    activationDims(layer, inputDims) {
      if (!layers.includes(layer)) throw new RangeError(`gradient model has no layer ${layer} (it has: ${layers.join(', ')})`);
      const k = key(layer, inputDims);
      if (!shapes.has(k)) {
        const [n, h, w, c] = tf.tidy(() => nhwcOut(model(tf.zeros([inputDims[0]!, inputDims[2]!, inputDims[3]!, inputDims[1]!]), { layers, relu: tf.relu }), layer).shape);
        shapes.set(k, [n, c, h, w]);
      }
      return shapes.get(k)!;
    },
    async run({ input, seeds, redirect }) {
      const [n, c, h, w] = input.dims;
      const relu = redirect ? redirectedRelu : tf.relu;
      const activations: Record<string, PlainTensor> = {};
      const grad = tf.tidy(() => {
        const x = tf.transpose(tf.tensor4d(input.data, [n!, c!, h!, w!]), [0, 2, 3, 1]) as tf.Tensor4D;
        return tf.grad((images: tf.Tensor) => {
          const out = model(images as tf.Tensor4D, { layers, relu });
          const terms = layers.map((layer) => {
            const t = tf.transpose(nhwcOut(out, layer), [0, 3, 1, 2]);
            activations[layer] = { data: t.dataSync() as Float32Array, dims: t.shape };
            const seed = seeds[layer];
            if (!seed || seed.length !== t.size) throw new RangeError(`seed for layer ${layer} must have ${t.size} values, got ${seed?.length ?? 'none'}`);
            return tf.sum(tf.mul(t, tf.tensor(seed, t.shape)));
          });
          return tf.addN(terms);
        })(x);
      });
      const nchw = tf.tidy(() => tf.transpose(grad, [0, 3, 1, 2]));
      grad.dispose();
      const gradInput = (await nchw.data()) as Float32Array;
      nchw.dispose();
      return { activations, gradInput };
    },
    dispose() {},
  };
}
