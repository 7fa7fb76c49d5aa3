import * as tf from '@tensorflow/tfjs-core';
import type { LrnAttrs } from '@branchscope/core';

/**
 * ONNX/Caffe LRN across channels on NHWC:
 * y = x / (bias + alpha / size * sum of x² over channels [c - floor((size-1)/2), c + ceil((size-1)/2)])^beta.
 * Built from slices rather than tf.localResponseNormalization, whose alpha is not divided by size and whose
 * window is symmetric (depthRadius), so even sizes could not be expressed.
 */
export function lrn(layer: string, x: tf.Tensor, a: LrnAttrs): tf.Tensor {
  if (x.rank !== 4) throw new Error(`lrn '${layer}' expects a 4-D input, got rank ${x.rank}`);
  const channels = x.shape[3]!;
  const before = Math.floor((a.size - 1) / 2);
  const after = Math.ceil((a.size - 1) / 2);
  const squares = tf.pad(tf.square(x), [[0, 0], [0, 0], [0, 0], [before, after]]);
  const windows = Array.from({ length: a.size }, (_, i) => tf.slice(squares, [0, 0, 0, i], [-1, -1, -1, channels]));
  const sum = windows.length === 1 ? windows[0] : tf.addN(windows);
  const denominator = tf.pow(tf.add(tf.mul(sum, a.alpha / a.size), a.bias), a.beta);
  return tf.div(x, denominator);
}
