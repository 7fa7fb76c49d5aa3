import * as tf from '@tensorflow/tfjs-core';
import '@branchscope/runtime/gradients';
import type { Random } from '@branchscope/core';
import { RECIPE } from './constants';

/** One random draw of the recipe's transforms, shared by the whole batch in one step. */
export interface TransformDraw {
  /** Crop offset [dy, dx] of the first jitter, each in [0, jitterFirst]. */
  jitterFirst: [number, number];
  scale: number;
  /** Degrees, counterclockwise as the image is displayed (rows going down). */
  angle: number;
  /** Crop offset [dy, dx] of the last jitter, each in [0, jitterLast]. */
  jitterLast: [number, number];
}

/** Draws the next step's transforms from `random`, in a fixed order so a seed fixes the whole sequence. */
export function drawTransform(random: Random): TransformDraw {
  const offset = (d: number): [number, number] => [random.int(d + 1), random.int(d + 1)];
  const jitterFirst = offset(RECIPE.jitterFirst);
  const scale = RECIPE.scales[random.int(RECIPE.scales.length)];
  const angle = RECIPE.angles[random.int(RECIPE.angles.length)];
  const jitterLast = offset(RECIPE.jitterLast);
  return { jitterFirst, scale, angle, jitterLast };
}

/** The identity draw: no jitter offset, no scaling, no rotation. */
export const IDENTITY_DRAW: TransformDraw = { jitterFirst: [0, 0], scale: 1, angle: 0, jitterLast: [0, 0] };

function jitter(images: tf.Tensor4D, d: number, [dy, dx]: [number, number]): tf.Tensor4D {
  const [, h, w] = images.shape;
  if (dy < 0 || dx < 0 || dy > d || dx > d) throw new RangeError(`jitter offset [${dy}, ${dx}] is outside [0, ${d}]`);
  if (h <= d || w <= d) throw new RangeError(`jitter of ${d} px needs an image larger than ${d} px, got ${h} x ${w}`);
  return tf.slice(images, [0, dy, dx, 0], [-1, h - d, w - d, -1]);
}

/**
 * The flat 8-parameter projective transform (tf.image.transform's convention: it maps each output pixel to the
 * input position it samples) of a rotation by `radians` about the image centre.
 */
export function rotationTransform(radians: number, height: number, width: number): number[] {
  const cos = Math.cos(radians);
  const sin = Math.sin(radians);
  const xOffset = (width - 1 - (cos * (width - 1) - sin * (height - 1))) / 2;
  const yOffset = (height - 1 - (sin * (width - 1) + cos * (height - 1))) / 2;
  return [cos, -sin, xOffset, sin, cos, yOffset, 0, 0];
}

/** Inverse of an affine flat transform [a0, a1, a2, b0, b1, b2, 0, 0]. */
export function invertAffine([a0, a1, a2, b0, b1, b2]: number[]): number[] {
  const det = a0 * b1 - a1 * b0;
  if (Math.abs(det) < 1e-12) throw new RangeError('invertAffine: the transform is singular');
  const i0 = b1 / det;
  const i1 = -a1 / det;
  const j0 = -b0 / det;
  const j1 = a0 / det;
  return [i0, i1, -(i0 * a2 + i1 * b2), j0, j1, -(j0 * a2 + j1 * b2), 0, 0];
}

/**
 * Bilinear rotation about the centre, differentiable on every backend. tfjs registers no gradient for its
 * Transform kernel, so the gradient is the incoming gradient warped by the inverse rotation, exactly as
 * TensorFlow's own ImageProjectiveTransform gradient (which Lucid's rotate relies on) does.
 */
export function rotate(images: tf.Tensor4D, degrees: number): tf.Tensor4D {
  if (degrees === 0) return tf.clone(images);
  const op = tf.customGrad((...inputs) => ({
    value: warpRotation(inputs[0] as tf.Tensor4D, degrees, 'forward'),
    gradFunc: (dy: tf.Tensor) => warpRotation(dy as tf.Tensor4D, degrees, 'backward'),
  }));
  return op(images) as tf.Tensor4D;
}

/** The bilinear warp of {@link rotate} (`forward`), or the inverse warp that is its gradient (`backward`). */
export function warpRotation(x: tf.Tensor4D, degrees: number, direction: 'forward' | 'backward'): tf.Tensor4D {
  const [b, h, w, c] = x.shape;
  const forward = rotationTransform((degrees * Math.PI) / 180, h, w);
  const flat = direction === 'forward' ? forward : invertAffine(forward);
  return tf.tidy(() => {
    // On cpu the batch is folded into the channels: tfjs-backend-cpu 4.22's Transform kernel returns after the first
    // image of a batch, leaving the others at the fill value. Other backends warp the batch as it is (the same values).
    if (tf.getBackend() !== 'cpu') return tf.image.transform(x, tf.tensor2d([flat]), 'bilinear', 'constant', 0);
    const folded = tf.reshape(tf.transpose(x, [1, 2, 0, 3]), [1, h, w, b * c]) as tf.Tensor4D;
    const warped = tf.image.transform(folded, tf.tensor2d([flat]), 'bilinear', 'constant', 0);
    return tf.transpose(tf.reshape(warped, [h, w, b, c]), [2, 0, 1, 3]) as tf.Tensor4D;
  });
}

/** Centre-crops or pads (with the recipe's mid-grey) to exactly [height, width]. */
export function fitTo(images: tf.Tensor4D, [height, width]: [number, number]): tf.Tensor4D {
  return tf.tidy(() => {
    const [, h, w] = images.shape;
    const top = Math.floor(Math.abs(h - height) / 2);
    const left = Math.floor(Math.abs(w - width) / 2);
    let out = images;
    if (h > height) out = tf.slice(out, [0, top, 0, 0], [-1, height, -1, -1]);
    if (w > width) out = tf.slice(out, [0, 0, left, 0], [-1, -1, width, -1]);
    const padY: [number, number] = h < height ? [top, height - h - top] : [0, 0];
    const padX: [number, number] = w < width ? [left, width - w - left] : [0, 0];
    if (h < height || w < width) out = tf.pad(out, [[0, 0], padY, padX, [0, 0]], RECIPE.padValue);
    return out === images ? tf.clone(images) : out;
  });
}

/** The offset [dy, dx] of a crop that removes `d` pixels per dimension, checked against the image and the range. */
function checkJitter([h, w]: number[], d: number, [dy, dx]: [number, number]): void {
  if (dy < 0 || dx < 0 || dy > d || dx > d) throw new RangeError(`jitter offset [${dy}, ${dx}] is outside [0, ${d}]`);
  if (h! <= d || w! <= d) throw new RangeError(`jitter of ${d} px needs an image larger than ${d} px, got ${h} x ${w}`);
}

/**
 * The recipe's transforms, in order: pad 12 with 0.5, jitter 8, scale, rotate, jitter 4, then centre-crop or
 * pad to the model's input size. `images` are NHWC in [0, 1]; differentiable on cpu and wasm.
 *
 * The same values as those steps one by one, in fewer passes over the images (tfjs-wasm's strided slices cost
 * several times a pad): the pad and the first crop are one asymmetric pad, the last crop and the centre crop one
 * slice.
 */
export function applyTransforms(images: tf.Tensor4D, draw: TransformDraw, outputSize: [number, number]): tf.Tensor4D {
  return tf.tidy(() => jitterAndFit(warpTransforms(images, draw), draw.jitterLast, outputSize));
}

/** The transforms up to the rotation (pad, first jitter, scale, rotate): {@link applyTransforms} before its last crop. */
export function warpTransforms(images: tf.Tensor4D, draw: TransformDraw): tf.Tensor4D {
  return tf.tidy(() => {
    const p = RECIPE.pad;
    const d = RECIPE.jitterFirst;
    const [, h0, w0] = images.shape;
    checkJitter([h0 + 2 * p, w0 + 2 * p], d, draw.jitterFirst);
    const [dy, dx] = draw.jitterFirst;
    let out: tf.Tensor4D =
      p >= d
        ? tf.pad(images, [[0, 0], [p - dy, p - d + dy], [p - dx, p - d + dx], [0, 0]], RECIPE.padValue)
        : jitter(tf.pad(images, [[0, 0], [p, p], [p, p], [0, 0]], RECIPE.padValue), d, draw.jitterFirst);
    if (draw.scale !== 1) {
      const [, h, w] = out.shape;
      // Truncation as in Lucid's int cast; the epsilon keeps 1.1 * 40 from landing on 43.999...
      const size: [number, number] = [Math.floor(draw.scale * h + 1e-6), Math.floor(draw.scale * w + 1e-6)];
      out = tf.image.resizeBilinear(out, size);
    }
    return rotate(out, draw.angle);
  });
}

/** `fitTo(jitter(images, jitterLast, offset), size)` as one slice, and one pad where the image is smaller. */
function jitterAndFit(images: tf.Tensor4D, [ey, ex]: [number, number], [height, width]: [number, number]): tf.Tensor4D {
  const d = RECIPE.jitterLast;
  const [, h0, w0] = images.shape;
  checkJitter([h0, w0], d, [ey, ex]);
  const [h, w] = [h0 - d, w0 - d];
  const top = Math.floor(Math.abs(h - height) / 2);
  const left = Math.floor(Math.abs(w - width) / 2);
  const rows = Math.min(h, height);
  const cols = Math.min(w, width);
  let out = tf.slice(images, [0, ey + (h > height ? top : 0), ex + (w > width ? left : 0), 0], [-1, rows, cols, -1]);
  if (h < height || w < width) {
    const padY: [number, number] = h < height ? [top, height - h - top] : [0, 0];
    const padX: [number, number] = w < width ? [left, width - w - left] : [0, 0];
    out = tf.pad(out, [[0, 0], padY, padX, [0, 0]], RECIPE.padValue);
  }
  return out;
}
