import { afterAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@branchscope/runtime/gradients';
import { createRandom } from '@branchscope/core';
import { drawTransform, applyTransforms } from './transforms';
import { transformsAdjoint } from './transforms-adjoint';
import { useBackend } from '@branchscope/runtime/testing';

describe('transformsAdjoint', () => {
  afterAll(() => useBackend('cpu'));

  it.each(['cpu', 'wasm'] as const)('equals TF.js’s gradient through applyTransforms on %s, for larger and smaller outputs', async (backend) => {
    await useBackend(backend);
    const random = createRandom(11);
    // tfjs-backend-cpu's own ResizeBilinearGrad swaps height and width of non-square images: square ones there.
    const [h, w] = backend === 'cpu' ? [40, 40] : [40, 36];
    const images = tf.randomUniform([2, h, w, 3], 0, 1, 'float32', 2) as tf.Tensor4D;
    const draws = [...Array.from({ length: 6 }, () => drawTransform(random)), { jitterFirst: [8, 0] as [number, number], scale: 0.9, angle: 10, jitterLast: [4, 0] as [number, number] }];
    for (const outputSize of [[40, 36], [48, 30]] as Array<[number, number]>) {
      const dy = tf.randomNormal([2, ...outputSize, 3], 0, 1, 'float32', 3) as tf.Tensor4D;
      for (const draw of draws) {
        const expected = tf.tidy(() => tf.grad((x: tf.Tensor) => tf.sum(tf.mul(applyTransforms(x as tf.Tensor4D, draw, outputSize), dy)))(images).dataSync());
        const actual = tf.tidy(() => transformsAdjoint(dy, draw, [h, w], outputSize).dataSync());
        expect(actual.length).toBe(expected.length);
        expect(Math.max(...actual.map((v, i) => Math.abs(v - expected[i]!)))).toBeLessThan(1e-5);
      }
      dy.dispose();
    }
    images.dispose();
  });

  it('names a gradient of the wrong size', () => {
    const dy = tf.zeros([1, 10, 10, 3]) as tf.Tensor4D;
    expect(() => transformsAdjoint(dy, drawTransform(createRandom(1)), [12, 12], [12, 12])).toThrow("transformsAdjoint: dy is 10 x 10, the transforms' output 12 x 12");
    dy.dispose();
  });
});
