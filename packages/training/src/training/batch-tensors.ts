import * as tf from '@tensorflow/tfjs-core';
import type { ImageBatch } from '../datasets/image-dataset';

/** A batch's bytes as an NHWC float tensor mapped linearly from [0, 255] to the graph's input range. */
export function batchImages(batch: ImageBatch, [lo, hi]: [number, number]): tf.Tensor4D {
  const scale = (hi - lo) / 255;
  const values = new Float32Array(batch.images.length);
  for (let i = 0; i < values.length; i++) values[i] = lo + batch.images[i] * scale;
  return tf.tensor4d(values, [batch.count, batch.size, batch.size, 3]);
}

/** Mean softmax cross-entropy of class scores [N, C] against integer labels. */
export function crossEntropy(logits: tf.Tensor2D, labels: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() => tf.neg(tf.mean(tf.sum(tf.mul(tf.logSoftmax(logits), tf.oneHot(labels, logits.shape[1])), 1))) as tf.Scalar);
}

/** How many rows of `logits` score their label highest. */
export function correctCount(logits: tf.Tensor2D, labels: Int32Array): number {
  const predicted = tf.tidy(() => tf.argMax(logits, 1).dataSync());
  let correct = 0;
  for (let i = 0; i < labels.length; i++) if (predicted[i] === labels[i]) correct++;
  return correct;
}
