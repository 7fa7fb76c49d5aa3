import { afterAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { createRandom } from '@branchscope/core';
import { RECIPE } from './constants';
import { applyTransforms, drawTransform, fitTo, IDENTITY_DRAW, invertAffine, rotate, rotationTransform } from './transforms';
import { useBackend } from '@branchscope/runtime/testing';

/** A smooth random image (a few low-frequency cosines), so bilinear sampling is nearly exact on it. */
function smoothImage(h: number, w: number, seed: number): tf.Tensor4D {
  const random = createRandom(seed);
  const terms = Array.from({ length: 4 }, () => [random.next() * 0.3, random.next() * 0.3, random.next() * 6]);
  const data = new Float32Array(h * w);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) data[y * w + x] = terms.reduce((s, [fy, fx, p]) => s + Math.cos(fy * y + fx * x + p), 0);
  }
  return tf.tensor4d(data, [1, h, w, 1]);
}

describe('transforms', () => {
  afterAll(() => useBackend('cpu'));

  it('draws the same sequence of transforms from the same seed, and a different one from another seed', () => {
    const sequence = (seed: number) => {
      const random = createRandom(seed);
      return Array.from({ length: 20 }, () => drawTransform(random));
    };
    expect(sequence(9)).toEqual(sequence(9));
    expect(sequence(9)).not.toEqual(sequence(10));
  });

  it('draws offsets, scales and angles only from the recipe', () => {
    const random = createRandom(1);
    for (let i = 0; i < 200; i++) {
      const d = drawTransform(random);
      expect(RECIPE.scales).toContain(d.scale);
      expect(RECIPE.angles).toContain(d.angle);
      for (const o of d.jitterFirst) expect(o >= 0 && o <= RECIPE.jitterFirst && Number.isInteger(o)).toBe(true);
      for (const o of d.jitterLast) expect(o >= 0 && o <= RECIPE.jitterLast && Number.isInteger(o)).toBe(true);
    }
  });

  it('rotates counterclockwise about the centre: a pixel right of centre moves above it at 90 degrees', async () => {
    await useBackend('cpu');
    const image = tf.buffer([1, 5, 5, 1]);
    image.set(1, 0, 2, 4, 0);
    const out = tf.tidy(() => rotate(image.toTensor() as tf.Tensor4D, 90));
    const data = Array.from(out.dataSync());
    out.dispose();
    expect(data[0 * 5 + 2]).toBeCloseTo(1, 5);
    expect(data.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
  });

  it.each(['cpu', 'wasm'] as const)('rotates every image of a batch alike on %s', async (backend) => {
    await useBackend(backend);
    const [first, third] = tf.tidy(() => {
      const one = smoothImage(12, 12, 5);
      const out = rotate(tf.concat([one, tf.zerosLike(one), one]), 5);
      return [tf.slice(out, [0, 0, 0, 0], [1, -1, -1, -1]), tf.slice(out, [2, 0, 0, 0], [1, -1, -1, -1])];
    });
    expect(Math.abs(first.dataSync()[6 * 12 + 6])).toBeGreaterThan(0.1);
    expect(Array.from(third.dataSync())).toEqual(Array.from(first.dataSync()));
    tf.dispose([first, third]);
  });

  it('inverts an affine transform exactly', () => {
    const forward = rotationTransform(0.3, 20, 30);
    const [a0, a1, a2, b0, b1, b2] = forward;
    const [i0, i1, i2, j0, j1, j2] = invertAffine(forward);
    const [x, y] = [7, 11];
    const [u, v] = [a0 * x + a1 * y + a2, b0 * x + b1 * y + b2];
    expect(i0 * u + i1 * v + i2).toBeCloseTo(x, 10);
    expect(j0 * u + j1 * v + j2).toBeCloseTo(y, 10);
  });

  it('gives rotation a gradient close to its adjoint: <R x, y> = <x, R* y> within 2% on smooth images', async () => {
    await useBackend('cpu');
    const x = smoothImage(40, 40, 1);
    const y = smoothImage(40, 40, 2);
    const [forward, adjoint] = tf.tidy(() => {
      const fwd = tf.sum(tf.mul(rotate(x, 10), y));
      const grad = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(rotate(t as tf.Tensor4D, 10), y)))(x);
      return [fwd.dataSync()[0], tf.sum(tf.mul(grad, x)).dataSync()[0]];
    });
    tf.dispose([x, y]);
    expect(Math.abs(forward)).toBeGreaterThan(10);
    expect(Math.abs(adjoint - forward) / Math.abs(forward)).toBeLessThan(0.02);
  });

  it('centre-crops larger images and pads smaller ones with mid-grey', async () => {
    await useBackend('cpu');
    const big = tf.tidy(() => fitTo(tf.reshape(tf.range(0, 36), [1, 6, 6, 1]) as tf.Tensor4D, [2, 2]));
    expect(Array.from(big.dataSync())).toEqual([14, 15, 20, 21]);
    const small = tf.tidy(() => fitTo(tf.zeros([1, 1, 1, 1]) as tf.Tensor4D, [3, 3]));
    expect(Array.from(small.dataSync())).toEqual([0.5, 0.5, 0.5, 0.5, 0, 0.5, 0.5, 0.5, 0.5]);
    tf.dispose([big, small]);
  });

  it('maps the identity draw to a centred crop of the padded image', async () => {
    await useBackend('cpu');
    const image = smoothImage(24, 24, 3);
    // Padding 12, then cropping 8 and 4 from the far sides, leaves the image 12 px from the top-left corner.
    const out = tf.tidy(() => applyTransforms(image, IDENTITY_DRAW, [24, 24]));
    const expected = tf.tidy(() => tf.slice(tf.pad(image, [[0, 0], [12, 12], [12, 12], [0, 0]], 0.5), [0, 6, 6, 0], [1, 24, 24, 1]));
    expect(Array.from(out.dataSync())).toEqual(Array.from(expected.dataSync()));
    tf.dispose([image, out, expected]);
  });

  it.each(['cpu', 'wasm'] as const)('passes gradients through every transform to the image on %s, leaking nothing', async (backend) => {
    await useBackend(backend);
    const image = tf.variable(smoothImage(32, 32, 4));
    const before = tf.memory().numTensors;
    const draw = { jitterFirst: [3, 5] as [number, number], scale: 1.1, angle: -7, jitterLast: [1, 2] as [number, number] };
    const { norm, shape } = tf.tidy(() => {
      const { grads, value } = tf.variableGrads(() => tf.sum(tf.square(applyTransforms(image, draw, [32, 32]))) as tf.Scalar, [image]);
      return { norm: tf.norm(grads[image.name]).dataSync()[0], shape: value.shape };
    });
    expect(tf.memory().numTensors).toBe(before);
    image.dispose();
    expect(shape).toEqual([]);
    expect(norm).toBeGreaterThan(1);
  });

  it.each(['cpu', 'wasm'] as const)('gives exactly the values and gradients of the transforms applied one by one on %s', async (backend) => {
    await useBackend(backend);
    const images = tf.tidy(() => tf.concat([smoothImage(40, 40, 5), smoothImage(40, 40, 6), smoothImage(40, 40, 7)], 3).tile([2, 1, 1, 1]) as tf.Tensor4D);
    const stepByStep = (x: tf.Tensor4D, draw: typeof IDENTITY_DRAW, [height, width]: [number, number]) => {
      const crop = (t: tf.Tensor4D, d: number, [dy, dx]: [number, number]) => tf.slice(t, [0, dy, dx, 0], [-1, t.shape[1] - d, t.shape[2] - d, -1]);
      let out = crop(tf.pad(x, [[0, 0], [12, 12], [12, 12], [0, 0]], 0.5), 8, draw.jitterFirst);
      if (draw.scale !== 1) out = tf.image.resizeBilinear(out, [Math.floor(draw.scale * out.shape[1] + 1e-6), Math.floor(draw.scale * out.shape[2] + 1e-6)]);
      return fitTo(crop(rotate(out, draw.angle), 4, draw.jitterLast), [height, width]);
    };
    const draws = [
      { jitterFirst: [3, 5] as [number, number], scale: 1.1, angle: -7, jitterLast: [1, 2] as [number, number] },
      { jitterFirst: [8, 0] as [number, number], scale: 0.9, angle: 10, jitterLast: [4, 0] as [number, number] },
      { jitterFirst: [0, 8] as [number, number], scale: 1, angle: 0, jitterLast: [0, 4] as [number, number] },
    ];
    const weights = tf.randomUniform([2, 36, 44, 3], 0, 1, 'float32', 1);
    for (const draw of draws) {
      for (const f of [applyTransforms, stepByStep]) expect(f(images, draw, [36, 44]).shape).toEqual([2, 36, 44, 3]);
      const [a, b] = [applyTransforms, stepByStep].map((f) => tf.tidy(() => f(images, draw, [36, 44]).dataSync()));
      expect(Array.from(a!)).toEqual(Array.from(b!));
      const [ga, gb] = [applyTransforms, stepByStep].map((f) => tf.tidy(() => tf.grad((x: tf.Tensor) => tf.sum(tf.mul(f(x as tf.Tensor4D, draw, [36, 44]), weights)))(images).dataSync()));
      expect(Math.max(...ga!.map((v, i) => Math.abs(v - gb![i]!)))).toBeLessThan(1e-6);
    }
    tf.dispose([images, weights]);
  });
});
