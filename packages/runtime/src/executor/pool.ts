import * as tf from '@tensorflow/tfjs-core';
import type { PoolAttrs } from '@branchscope/core';
import { pooledLength } from '../graph/infer-shapes';

/** Pads needed so a 'valid' pool yields the ONNX output size: the declared pads plus, in ceil mode, the overhang. */
function windowPads(x: tf.Tensor4D, a: PoolAttrs): Array<[number, number]> {
  const [top, left, bottom, right] = a.pads;
  const axis = (length: number, k: number, s: number, before: number, after: number): [number, number] => {
    const out = pooledLength(length, k, s, before, after, a.ceilMode);
    const overhang = Math.max(0, (out - 1) * s + k - (length + before + after));
    return [before, after + overhang];
  };
  return [[0, 0], axis(x.shape[1], a.kernel[0], a.strides[0], top, bottom), axis(x.shape[2], a.kernel[1], a.strides[1], left, right), [0, 0]];
}

const unpadded = (pads: Array<[number, number]>): boolean => pads.every(([a, b]) => a === 0 && b === 0);

/** ONNX MaxPool on NHWC: padding never wins a max. */
export function maxPool(x: tf.Tensor4D, a: PoolAttrs): tf.Tensor4D {
  const pads = windowPads(x, a);
  const input = unpadded(pads) ? x : tf.pad(x, pads, -Infinity);
  return tf.maxPool(input, a.kernel, a.strides, 'valid');
}

/**
 * ONNX AveragePool on NHWC. With count_include_pad = 0 each window averages only the real pixels it covers; with
 * countIncludePad the declared pads count as zeros (a ceil-mode overhang still does not). Dividing by the pooled
 * mask keeps that exact (and differentiable) on every backend, whatever their own padded-average conventions.
 */
export function avgPool(x: tf.Tensor4D, a: PoolAttrs): tf.Tensor4D {
  const pads = windowPads(x, a);
  if (unpadded(pads)) return tf.avgPool(x, a.kernel, a.strides, 'valid');
  const sums = tf.avgPool(tf.pad(x, pads), a.kernel, a.strides, 'valid');
  const [top, left, bottom, right] = a.countIncludePad ? a.pads : [0, 0, 0, 0];
  const counted = tf.ones([1, x.shape[1] + top + bottom, x.shape[2] + left + right, 1]);
  const rest = pads.map(([before, after], i) => (i === 1 ? [before - top, after - bottom] : i === 2 ? [before - left, after - right] : [0, 0])) as Array<[number, number]>;
  const mask = tf.pad(counted, rest) as tf.Tensor4D;
  return tf.div(sums, tf.avgPool(mask, a.kernel, a.strides, 'valid'));
}

export const globalAvgPool = (x: tf.Tensor4D): tf.Tensor4D => tf.mean(x, [1, 2], true);
