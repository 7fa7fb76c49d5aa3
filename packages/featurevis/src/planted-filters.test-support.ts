import * as tf from '@tensorflow/tfjs-core';
import type { HwcImage } from '@branchscope/core';
import type { FeatureModel } from './feature-model';

/** Test support: known 9 x 9 x 3 filters, HWC, each with zero mean and unit norm. */
export const PLANTED_SIZE = 9;

function normalise(data: Float32Array): Float32Array {
  const mean = data.reduce((a, b) => a + b, 0) / data.length;
  const centred = data.map((v) => v - mean);
  const norm = Math.hypot(...centred);
  return centred.map((v) => v / norm);
}

function build(f: (y: number, x: number, c: number) => number): HwcImage {
  const k = PLANTED_SIZE;
  const data = new Float32Array(k * k * 3);
  const mid = (k - 1) / 2;
  for (let y = 0; y < k; y++) for (let x = 0; x < k; x++) for (let c = 0; c < 3; c++) data[(y * k + x) * 3 + c] = f(y - mid, x - mid, c);
  return { data: normalise(data), height: k, width: k, channels: 3 };
}

/** A grey grating: `frequency` cycles per pixel, wave vector at `degrees` from the x axis (rows going down). */
export function grating(frequency = 0.25, degrees = 30): HwcImage {
  const t = (degrees * Math.PI) / 180;
  return build((y, x) => Math.cos(2 * Math.PI * frequency * (x * Math.cos(t) + y * Math.sin(t))));
}

/** A red-on-green blob: a Gaussian bump in red, the same dip in green, nothing in blue. */
export function colorBlob(): HwcImage {
  return build((y, x, c) => [1, -1, 0][c] * Math.exp(-(x * x + y * y) / (2 * 2 ** 2)));
}

/** A grey centre-surround: a narrow Gaussian minus a wide one. */
export function centreSurround(): HwcImage {
  const g = (r2: number, s: number) => Math.exp(-r2 / (2 * s * s)) / (s * s);
  return build((y, x) => g(x * x + y * y, 1.2) - g(x * x + y * y, 3));
}

export const PLANTED = [grating(), colorBlob(), centreSurround()];

/** A one-conv model (valid padding) whose units are the given filters, followed by the request's ReLU. */
export function plantedModel(filters: readonly HwcImage[]): { model: FeatureModel; dispose(): void } {
  const k = PLANTED_SIZE;
  const kernel = new Float32Array(k * k * 3 * filters.length);
  // tf.conv2d wants [kh, kw, in, out].
  filters.forEach((f, o) => f.data.forEach((v, i) => (kernel[i * filters.length + o] = v)));
  const weights = tf.tensor4d(kernel, [k, k, 3, filters.length]);
  return {
    model: (images, { relu }) => relu(tf.conv2d(images, weights, 1, 'valid')) as tf.Tensor4D,
    dispose: () => weights.dispose(),
  };
}

/**
 * Translation-robust match: the largest Pearson correlation between `pattern` and any same-sized window of
 * `image` (both mean-centred over all their values).
 */
export function maxNormalisedCrossCorrelation(image: HwcImage, pattern: HwcImage): number {
  const { height: kh, width: kw, channels: c } = pattern;
  const p = normalise(pattern.data);
  let best = -1;
  const window = new Float32Array(kh * kw * c);
  for (let top = 0; top + kh <= image.height; top++) {
    for (let left = 0; left + kw <= image.width; left++) {
      for (let y = 0; y < kh; y++) {
        const from = ((top + y) * image.width + left) * c;
        window.set(image.data.subarray(from, from + kw * c), y * kw * c);
      }
      const mean = window.reduce((a, b) => a + b, 0) / window.length;
      let dot = 0;
      let norm = 0;
      for (let i = 0; i < window.length; i++) {
        const v = window[i] - mean;
        dot += v * p[i];
        norm += v * v;
      }
      if (norm > 1e-12) best = Math.max(best, dot / Math.sqrt(norm));
    }
  }
  return best;
}
