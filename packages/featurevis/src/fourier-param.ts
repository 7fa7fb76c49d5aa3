import * as tf from '@tensorflow/tfjs-core';
import '@branchscope/runtime/gradients';
import { createRandom } from '@branchscope/core';
import { COLOR_CORRELATION, COLOR_MAX_NORM, RECIPE } from './constants';
import { disposeIrfft2dTensors, halfWidth, irfft2d, irfft2dAdjoint, irfft2dTensors } from './irfft2d';

export interface FourierParamOptions {
  batch: number;
  height: number;
  width: number;
  /** Channels of the image, i.e. of the model's input; only 3 channels get colour decorrelation. */
  channels: number;
  /** Seeds the initial spectrum; the same seed gives the same spectrum on every backend. */
  seed: number;
  /**
   * One seed per image, in place of `seed`: each image's spectrum is then drawn on its own, so an image does not
   * depend on the batch it is rendered in (its position or the batch size).
   */
  imageSeeds?: readonly number[];
  /** Standard deviation of the initial spectrum (default {@link RECIPE.spectrumSd}). */
  sd?: number;
  /** Exponent of the 1/f spectrum scaling (default {@link RECIPE.decayPower}). */
  decayPower?: number;
}

/** A batch of images parameterized in Fourier space; owns its variable and constants. */
export interface FourierParam {
  /** The trainable spectrum, shape [2 (real, imaginary), batch, channels, h, w/2+1]. */
  readonly spectrum: tf.Variable;
  /** [batch, height, width, channels] of {@link pixels}. */
  readonly shape: [number, number, number, number];
  /** The images, NHWC in [0, 1]; differentiable with respect to {@link spectrum}. */
  pixels(): tf.Tensor4D;
  /**
   * dLoss/dspectrum from dLoss/dPixels, where `pixels` is what {@link pixels} returned for the current spectrum:
   * the gradient without running the parameterization again (sigmoid' from the pixels, then the adjoints of the
   * colour matrix, the inverse FFT and the spectrum scale).
   */
  spectrumGradient(pixels: tf.Tensor4D, dPixels: tf.Tensor4D): tf.Tensor;
  dispose(): void;
}

/**
 * Spectral frequency magnitudes sqrt(fx² + fy²) in cycles per pixel, row-major [h, w/2+1], with fy from
 * fftfreq(h) and fx from rfftfreq(w).
 */
export function rfft2dFrequencies(height: number, width: number): Float32Array {
  const n = halfWidth(width);
  const out = new Float32Array(height * n);
  for (let ky = 0; ky < height; ky++) {
    const fy = (ky <= (height - 1) / 2 ? ky : ky - height) / height;
    for (let kx = 0; kx < n; kx++) out[ky * n + kx] = Math.sqrt(fy * fy + (kx / width) ** 2);
  }
  return out;
}

/** The recipe's per-frequency factor: sqrt(w h) / max(f, 1 / max(w, h)) ** decayPower, row-major [h, w/2+1]. */
export function spectrumScale(height: number, width: number, decayPower: number = RECIPE.decayPower): Float32Array {
  const floor = 1 / Math.max(width, height);
  const root = Math.sqrt(width * height);
  return rfft2dFrequencies(height, width).map((f) => root / Math.max(f, floor) ** decayPower);
}

/** Normal(0, sd) draws from the project's seeded generator, identical on every backend. */
export function seededNormal(count: number, seed: number, sd: number): Float32Array {
  const random = createRandom(seed);
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) out[i] = sd * random.normal();
  return out;
}

function check(options: FourierParamOptions): void {
  for (const key of ['batch', 'height', 'width', 'channels'] as const) {
    const value = options[key];
    if (!Number.isInteger(value) || value < 1) throw new RangeError(`fourierParam: ${key} must be a positive integer, got ${value}`);
  }
  if (options.imageSeeds && options.imageSeeds.length !== options.batch) {
    throw new RangeError(`fourierParam: imageSeeds has ${options.imageSeeds.length} seeds for a batch of ${options.batch}`);
  }
}

/** The initial spectrum [2, batch, channels, h, n], from one seed or from one seed per image. */
function initialSpectrum(options: FourierParamOptions, n: number): Float32Array {
  const { batch, height, channels } = options;
  const sd = options.sd ?? RECIPE.spectrumSd;
  if (!options.imageSeeds) return seededNormal(2 * batch * channels * height * n, options.seed, sd);
  const plane = channels * height * n;
  const out = new Float32Array(2 * batch * plane);
  options.imageSeeds.forEach((seed, b) => {
    const own = seededNormal(2 * plane, seed, sd);
    out.set(own.subarray(0, plane), b * plane);
    out.set(own.subarray(plane), (batch + b) * plane);
  });
  return out;
}

/**
 * Lucid's Fourier-space, colour-decorrelated image parameterization: the spectrum is scaled by
 * {@link spectrumScale}, inverted, divided by 4, colour-decorrelated when there are 3 channels and squashed
 * by a sigmoid into [0, 1].
 */
export function fourierParam(options: FourierParamOptions): FourierParam {
  check(options);
  const { batch, height, width, channels } = options;
  const n = halfWidth(width);
  const init = initialSpectrum(options, n);
  const initial = tf.tensor(init, [2, batch, channels, height, n]);
  // A variable shares its initial tensor's data but not its registration: release that tensor at once.
  const spectrum = tf.variable(initial, true);
  initial.dispose();
  const scale = tf.tensor2d(spectrumScale(height, width, options.decayPower ?? RECIPE.decayPower), [height, n]);
  const matrices = irfft2dTensors(height, width);
  // rgb = t @ (C / max_norm)^T: rows of the flattened image times the transposed matrix.
  const colorMatrix = COLOR_CORRELATION.map((row) => row.map((v) => v / COLOR_MAX_NORM));
  const color = channels === 3 ? tf.tidy(() => tf.transpose(tf.tensor2d(colorMatrix))) : undefined;
  const colorT = channels === 3 ? tf.tensor2d(colorMatrix) : undefined;

  const pixels = (): tf.Tensor4D =>
    tf.tidy(() => {
      const [re, im] = tf.unstack(tf.mul(spectrum, scale));
      const planes = irfft2d(re, im, matrices); // [batch, channels, h, w]
      let image = tf.div(tf.transpose(planes, [0, 2, 3, 1]), RECIPE.imageDivisor);
      if (color) image = tf.reshape(tf.matMul(tf.reshape(image, [-1, 3]), color), [batch, height, width, 3]);
      return tf.sigmoid(image) as tf.Tensor4D;
    });

  const spectrumGradient = (pixels: tf.Tensor4D, dPixels: tf.Tensor4D): tf.Tensor =>
    tf.tidy(() => {
      let g: tf.Tensor = tf.mul(dPixels, tf.mul(pixels, tf.sub(1, pixels)));
      if (colorT) g = tf.reshape(tf.matMul(tf.reshape(g, [-1, 3]), colorT), [batch, height, width, 3]);
      const [re, im] = irfft2dAdjoint(tf.div(tf.transpose(g, [0, 3, 1, 2]), RECIPE.imageDivisor), matrices);
      return tf.mul(tf.stack([re, im]), scale);
    });

  const dispose = (): void => {
    spectrum.dispose();
    scale.dispose();
    color?.dispose();
    colorT?.dispose();
    disposeIrfft2dTensors(matrices);
  };
  return { spectrum, shape: [batch, height, width, channels], pixels, spectrumGradient, dispose };
}
