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
    g = warpAdjoint(g, draw, s1);
    const [fromTop, fromLeft] = firstJitterOffset(draw);
    return tf.slice(g, [0, fromTop, fromLeft, 0], [-1, imageSize[0], imageSize[1], -1]);
  });
}

/**
 * The adjoint of `warpTransforms` up to its first pad: dLoss/d(padded, jittered image) of size `padded`
 * (height, width) from dLoss/dWarped, through the rotation (the inverse warp) and the scaling (ResizeBilinearGrad).
 */
export function warpAdjoint(g: tf.Tensor4D, draw: TransformDraw, padded: [number, number]): tf.Tensor4D {
  return tf.tidy(() => {
    let out = draw.angle !== 0 ? warpRotation(g, draw.angle, 'backward') : g;
    if (draw.scale !== 1) {
      const images = tf.zeros([out.shape[0], padded[0], padded[1], out.shape[3]]);
      out = tf.engine().runKernel('ResizeBilinearGrad', { dy: out, images }, { alignCorners: false, halfPixelCenters: false }) as tf.Tensor4D;
    }
    return out === g ? tf.clone(g) : out;
  });
}

/** Where the image sits in the padded, jittered one: rows from `pad − dy`, columns from `pad − dx`. */
export const firstJitterOffset = (draw: TransformDraw): [number, number] => [RECIPE.pad - draw.jitterFirst[0], RECIPE.pad - draw.jitterFirst[1]];
