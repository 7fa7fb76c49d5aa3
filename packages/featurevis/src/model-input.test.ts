import { afterAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { createRandom } from '@branchscope/core';
import { useBackend } from '@branchscope/runtime/testing';
import { cropNhwc, modelInput, modelInputAdjoint } from './model-input';
import { applyTransforms, drawTransform, warpTransforms, type TransformDraw } from './transforms';
import { firstJitterOffset, transformsAdjoint, warpAdjoint } from './transforms-adjoint';

const worst = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.from(a).reduce((m, v, i) => Math.max(m, Math.abs(v - b[i]!)), 0);

describe('modelInput', () => {
  afterAll(() => useBackend('cpu'));

  it.each(['cpu', 'wasm'] as const)('equals applyTransforms laid out NCHW in the model range, and its adjoint transformsAdjoint, on %s', async (backend) => {
    await useBackend(backend);
    const [h, w] = backend === 'cpu' ? [30, 30] : [30, 26]; // tfjs-backend-cpu's ResizeBilinearGrad wants squares
    const images = tf.randomUniform([2, h, w, 3], 0, 1, 'float32', 5) as tf.Tensor4D;
    const random = createRandom(3);
    const draws: TransformDraw[] = [...Array.from({ length: 5 }, () => drawTransform(random)), { jitterFirst: [8, 0], scale: 0.9, angle: 10, jitterLast: [4, 1] }];
    const range: [number, number] = [-117, 138];
    for (const size of [[30, 26], [40, 20]] as Array<[number, number]>) {
      for (const draw of draws) {
        const warped = warpTransforms(images, draw);
        const ours = modelInput(warped.dataSync() as Float32Array, warped.shape, draw.jitterLast, size, range);
        const reference = tf.tidy(() => tf.transpose(tf.add(tf.mul(applyTransforms(images, draw, size), range[1] - range[0]), range[0]), [0, 3, 1, 2]).dataSync());
        expect(worst(ours, reference)).toBeLessThan(1e-4);

        const gradInput = Float32Array.from({ length: ours.length }, (_, i) => Math.sin(i * 0.31));
        const gradWarped = tf.tensor4d(modelInputAdjoint(gradInput, warped.shape, draw.jitterLast, size, range), warped.shape);
        const padded = warpAdjoint(gradWarped, draw, [h + 16, w + 16]);
        const dPixels = cropNhwc(padded.dataSync() as Float32Array, padded.shape, firstJitterOffset(draw), [h, w]);
        const expected = tf.tidy(() => {
          const dy = tf.mul(tf.transpose(tf.tensor4d(gradInput, [2, 3, size[0], size[1]]), [0, 2, 3, 1]), range[1] - range[0]) as tf.Tensor4D;
          return transformsAdjoint(dy, draw, [h, w], size).dataSync();
        });
        expect(worst(dPixels, expected)).toBeLessThan(1e-3);
        tf.dispose([warped, gradWarped, padded]);
      }
    }
    images.dispose();
  });

  it('names a jitter outside the recipe, a gradient of the wrong length and a crop outside the images', () => {
    const dims = [1, 20, 20, 3] as const;
    expect(() => modelInput(new Float32Array(1200), dims, [5, 0], [16, 16], [0, 1])).toThrow('jitter offset [5, 0] is outside [0, 4]');
    expect(() => modelInputAdjoint(new Float32Array(10), dims, [0, 0], [16, 16], [0, 1])).toThrow('modelInputAdjoint: 10 gradient values for an input of 1 x 3 x 16 x 16');
    expect(() => cropNhwc(new Float32Array(1200), dims, [10, 0], [16, 16])).toThrow('cropNhwc: 16 x 16 at [10, 0] is outside 20 x 20');
  });
});
