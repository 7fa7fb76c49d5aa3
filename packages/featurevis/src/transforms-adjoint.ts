import * as tf from '@tensorflow/tfjs-core';
import { RECIPE } from './constants';
import { warpRotation, type TransformDraw } from './transforms';

/**
 * The gradient of {@link applyTransforms} without running it: the transforms are linear in the pixels (pads add a
 * constant), so dLoss/dPixels is their adjoint applied to dLoss/dOutput, step by step in reverse: the centre crop
 * and last jitter (a zero pad), the rotation (the inverse warp, as `rotate`'s gradient), the scaling
 * (ResizeBilinearGrad) and the first pad and jitter (a slice). The same values as TF.js's gradient through
 * `applyTransforms`, for images of `imageSize` (height, width) transformed to `outputSize`.
 */
export function transformsAdjoint(dy: tf.Tensor4D, draw: TransformDraw, imageSize: [number, number], outputSize: [number, number]): tf.Tensor4D {
  const p = RECIPE.pad;
  const d = RECIPE.jitterFirst;
  const d2 = RECIPE.jitterLast;
  if (p < d) throw new RangeError(`transformsAdjoint needs the pad (${p}) to cover the first jitter (${d})`);
  const [height, width] = outputSize;
  if (dy.shape[1] !== height || dy.shape[2] !== width) {
    throw new RangeError(`transformsAdjoint: dy is ${dy.shape[1]} x ${dy.shape[2]}, the transforms' output ${height} x ${width}`);
  }
  return tf.tidy(() => {
    // Forward sizes: after pad and first jitter (s1), after scaling (s2, kept by the rotation).
    const s1: [number, number] = [imageSize[0] + 2 * p - d, imageSize[1] + 2 * p - d];
    const s2: [number, number] = draw.scale === 1 ? s1 : [Math.floor(draw.scale * s1[0] + 1e-6), Math.floor(draw.scale * s1[1] + 1e-6)];
    const [h, w] = [s2[0] - d2, s2[1] - d2];
    const top = Math.floor(Math.abs(h - height) / 2);
    const left = Math.floor(Math.abs(w - width) / 2);
    const rows = Math.min(h, height);
    const cols = Math.min(w, width);
    let g: tf.Tensor4D = dy;
    if (h < height || w < width) g = tf.slice(g, [0, h < height ? top : 0, w < width ? left : 0, 0], [-1, rows, cols, -1]);
    const by = draw.jitterLast[0] + (h > height ? top : 0);
    const bx = draw.jitterLast[1] + (w > width ? left : 0);
    g = tf.pad(g, [[0, 0], [by, s2[0] - by - rows], [bx, s2[1] - bx - cols], [0, 0]]);
    if (draw.angle !== 0) g = warpRotation(g, draw.angle, 'backward');
    if (draw.scale !== 1) {
      const images = tf.zeros([g.shape[0], s1[0], s1[1], g.shape[3]]);
      g = tf.engine().runKernel('ResizeBilinearGrad', { dy: g, images }, { alignCorners: false, halfPixelCenters: false }) as tf.Tensor4D;
    }
    const [dy0, dx0] = draw.jitterFirst;
    return tf.slice(g, [0, p - dy0, p - dx0, 0], [-1, imageSize[0], imageSize[1], -1]);
  });
}
