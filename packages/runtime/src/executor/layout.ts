import * as tf from '@tensorflow/tfjs-core';

/**
 * Layout of the 4-D tensors crossing the executor's boundary. Inside, activations are always NHWC: it is
 * the only layout every TF.js backend convolves and pools natively.
 */
export type Layout = 'NHWC' | 'NCHW';

/** NHWC position of an NCHW (ONNX) axis; 2-D tensors keep their axes. */
export function nhwcAxis(onnxAxis: number, rank: number): number {
  return rank === 4 ? [0, 3, 1, 2][onnxAxis] : onnxAxis;
}

export const toNhwc = (x: tf.Tensor4D): tf.Tensor4D => tf.transpose(x, [0, 2, 3, 1]);
export const toNchw = (x: tf.Tensor4D): tf.Tensor4D => tf.transpose(x, [0, 3, 1, 2]);

/** Flattens per sample in NCHW order, as ONNX Flatten and Caffe do, so dense weights line up with theirs. */
export function flattenNchw(x: tf.Tensor): tf.Tensor2D {
  if (x.rank === 2) return x as tf.Tensor2D;
  if (x.rank !== 4) throw new Error(`flatten expects a 2-D or 4-D tensor, got rank ${x.rank}`);
  return tf.reshape(toNchw(x as tf.Tensor4D), [x.shape[0], -1]);
}
