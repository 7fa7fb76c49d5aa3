import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { createRandom } from '@branchscope/core';
import '@branchscope/runtime/gradients';
import { disposeIrfft2dTensors, halfWidth, irfft2d, irfft2dTensors } from './irfft2d';
import { useBackend } from '@branchscope/runtime/testing';

const TOLERANCE = 1e-4;

function randomSpectrum(h: number, w: number, seed: number): { re: Float32Array; im: Float32Array } {
  const random = createRandom(seed);
  const count = h * halfWidth(w);
  const re = Float32Array.from({ length: count }, () => random.normal());
  const im = Float32Array.from({ length: count }, () => random.normal());
  return { re, im };
}

/** Textbook inverse: extend the half spectrum by Hermitian symmetry, sum all w·h terms, keep the real part. */
function naiveIrfft2d(re: Float32Array, im: Float32Array, h: number, w: number): Float64Array {
  const n = halfWidth(w);
  const out = new Float64Array(h * w);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let sum = 0;
      for (let ky = 0; ky < h; ky++) {
        for (let kx = 0; kx < w; kx++) {
          // Columns kx >= n are the conjugates of row -ky, column w - kx.
          const mirrored = kx >= n;
          const row = mirrored ? (h - ky) % h : ky;
          const col = mirrored ? w - kx : kx;
          const a = re[row * n + col];
          const b = mirrored ? -im[row * n + col] : im[row * n + col];
          const angle = 2 * Math.PI * ((ky * y) / h + (kx * x) / w);
          sum += a * Math.cos(angle) - b * Math.sin(angle);
        }
      }
      out[y * w + x] = sum / (h * w);
    }
  }
  return out;
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst;
}

function matrixIrfft(re: Float32Array, im: Float32Array, h: number, w: number): Float32Array {
  const m = irfft2dTensors(h, w);
  const out = tf.tidy(() => irfft2d(tf.tensor2d(re, [h, halfWidth(w)]), tf.tensor2d(im, [h, halfWidth(w)]), m));
  const data = out.dataSync() as Float32Array;
  out.dispose();
  disposeIrfft2dTensors(m);
  return data;
}

describe('irfft2d as matrix products', () => {
  beforeAll(() => useBackend('cpu'));

  it.each([
    [6, 8],
    [7, 5],
    [5, 9],
  ])('matches the textbook inverse DFT within 1e-4 for %i x %i', (h, w) => {
    const { re, im } = randomSpectrum(h, w, h * 100 + w);
    expect(maxAbsDiff(matrixIrfft(re, im, h, w), naiveIrfft2d(re, im, h, w))).toBeLessThan(TOLERANCE);
  });

  it('matches tf.spectral ifft along h then irfft along w within 1e-4 on the cpu backend', () => {
    const h = 12;
    const w = 16;
    const n = halfWidth(w);
    const { re, im } = randomSpectrum(h, w, 7);
    const reference = tf.tidy(() => {
      // tf.spectral works on the innermost axis, so transpose to put h innermost for the complex ifft.
      const spectrum = tf.complex(tf.transpose(tf.tensor2d(re, [h, n])), tf.transpose(tf.tensor2d(im, [h, n])));
      const alongH = tf.spectral.ifft(spectrum);
      const back = tf.complex(tf.transpose(tf.real(alongH)), tf.transpose(tf.imag(alongH)));
      return tf.spectral.irfft(back);
    });
    expect(reference.shape).toEqual([h, w]);
    expect(maxAbsDiff(matrixIrfft(re, im, h, w), reference.dataSync())).toBeLessThan(TOLERANCE);
    reference.dispose();
  });

  it('transforms every leading slice independently', () => {
    const h = 4;
    const w = 6;
    const n = halfWidth(w);
    const a = randomSpectrum(h, w, 1);
    const b = randomSpectrum(h, w, 2);
    const m = irfft2dTensors(h, w);
    const both = tf.tidy(() =>
      irfft2d(tf.tensor3d([...a.re, ...b.re], [2, h, n]), tf.tensor3d([...a.im, ...b.im], [2, h, n]), m),
    );
    const data = both.dataSync();
    both.dispose();
    disposeIrfft2dTensors(m);
    expect(maxAbsDiff(data.slice(h * w), naiveIrfft2d(b.re, b.im, h, w))).toBeLessThan(TOLERANCE);
  });

  it('differentiates through the stored transposes as through the textbook inverse (a linear map: gradient = its adjoint)', () => {
    const [h, w] = [6, 7];
    const n = halfWidth(w);
    const a = randomSpectrum(h, w, 3);
    const weights = randomSpectrum(h, 2 * w, 4).re.slice(0, h * w);
    const m = irfft2dTensors(h, w);
    const [dre] = tf.tidy(() =>
      tf.grads((re: tf.Tensor) => tf.sum(tf.mul(irfft2d(re, tf.tensor2d(a.im, [h, n]), m), tf.tensor2d(weights, [h, w]))))([tf.tensor2d(a.re, [h, n])]).map((g) => g.dataSync()),
    );
    disposeIrfft2dTensors(m);
    // d/dre[k] of sum(weights · naive(re, im)): the naive inverse of a unit spectrum, dotted with the weights.
    const expected = Array.from({ length: h * n }, (_, k) => {
      const unit = new Float32Array(h * n);
      unit[k] = 1;
      return naiveIrfft2d(unit, new Float32Array(h * n), h, w).reduce((s, v, i) => s + v * weights[i]!, 0);
    });
    expect(maxAbsDiff(dre!, expected)).toBeLessThan(TOLERANCE);
  });

  it('rejects a spectrum of the wrong size, naming both shapes', () => {
    const m = irfft2dTensors(4, 6);
    expect(() => irfft2d(tf.zeros([4, 3]), tf.zeros([4, 3]), m)).toThrow(/expects a spectrum \[\.\.\., 4, 4\], got \[4, 3\]/);
    disposeIrfft2dTensors(m);
  });
});
