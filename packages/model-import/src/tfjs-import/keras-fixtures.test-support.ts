/** Test support: Keras-style Inception and ResNet models built with tfjs-layers' functional API, seeded. */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { uniformStream } from '@branchscope/runtime';

type T = tfl.SymbolicTensor;
const apply = (layer: tfl.layers.Layer, x: T | T[]): T => layer.apply(x) as T;

const conv = (name: string, x: T, filters: number, k: number, options: { strides?: number; padding?: 'same' | 'valid'; activation?: 'relu' | 'linear' } = {}): T =>
  apply(tfl.layers.conv2d({ name, filters, kernelSize: k, strides: options.strides ?? 1, padding: options.padding ?? 'same', activation: options.activation ?? 'relu' }), x);

/** Widths of one Inception block: 1x1, 3x3 bottleneck and 3x3, 5x5 bottleneck and 5x5, pool projection. */
type Widths = [number, number, number, number, number, number];

function inceptionBlock(name: string, [c1, r3, c3, r5, c5, pp]: Widths, x: T, pool: 'max' | 'avg'): T {
  const b1 = conv(`${name}_1x1`, x, c1, 1);
  const b3 = conv(`${name}_3x3`, conv(`${name}_3x3_bottleneck`, x, r3, 1), c3, 3);
  const b5 = conv(`${name}_5x5`, conv(`${name}_5x5_bottleneck`, x, r5, 1), c5, 5);
  const poolLayer = pool === 'max' ? tfl.layers.maxPooling2d : tfl.layers.averagePooling2d;
  const p = apply(poolLayer({ name: `${name}_pool`, poolSize: 3, strides: 1, padding: 'same' }), x);
  return apply(tfl.layers.concatenate({ name, axis: -1 }), [b1, b3, b5, conv(`${name}_pool_reduce`, p, pp, 1)]);
}

/** The Inception fixture's blocks: mixed3a joins 4 + 6 + 3 + 3 = 16 channels, mixed3b 6 + 8 + 4 + 4 = 22. */
export const INCEPTION_BLOCKS: Array<[string, Widths]> = [
  ['mixed3a', [4, 4, 6, 2, 3, 3]],
  ['mixed3b', [6, 4, 8, 2, 4, 4]],
];

/** 16x16x3 -> stem conv, max pool -> two Inception blocks -> max pool, Flatten (2x2x22), Dropout, Dense 10, softmax. */
export function kerasInception(): tfl.LayersModel {
  const input = tfl.input({ name: 'image', shape: [16, 16, 3] });
  let x = conv('conv1', input, 8, 3, { strides: 2 });
  x = apply(tfl.layers.maxPooling2d({ name: 'pool1', poolSize: 3, strides: 2, padding: 'same' }), x);
  x = inceptionBlock(...INCEPTION_BLOCKS[0]!, x, 'max');
  x = inceptionBlock(...INCEPTION_BLOCKS[1]!, x, 'avg');
  x = apply(tfl.layers.maxPooling2d({ name: 'pool2', poolSize: 2, strides: 2 }), x);
  x = apply(tfl.layers.flatten({ name: 'flatten' }), x);
  x = apply(tfl.layers.dropout({ name: 'dropout', rate: 0.4 }), x);
  x = apply(tfl.layers.dense({ name: 'logits', units: 10 }), x);
  return tfl.model({ name: 'keras_inception', inputs: input, outputs: apply(tfl.layers.softmax({ name: 'prob' }), x) });
}

function bnRelu(name: string, x: T): T {
  return apply(tfl.layers.activation({ name: `${name}_relu`, activation: 'relu' }), apply(tfl.layers.batchNormalization({ name: `${name}_bn` }), x));
}

function residualBlock(name: string, x: T, filters: number, strides: number): T {
  let r = bnRelu(`${name}_1`, conv(`${name}_1_conv`, x, filters, 3, { strides, activation: 'linear' }));
  r = apply(tfl.layers.batchNormalization({ name: `${name}_2_bn` }), conv(`${name}_2_conv`, r, filters, 3, { activation: 'linear' }));
  const projected = strides !== 1;
  const shortcut = projected
    ? apply(tfl.layers.batchNormalization({ name: `${name}_0_bn` }), conv(`${name}_0_conv`, x, filters, 1, { strides, activation: 'linear' }))
    : x;
  const sum = apply(tfl.layers.add({ name: `${name}_add` }), [shortcut, r]);
  return apply(tfl.layers.reLU({ name: `${name}_out` }), sum);
}

/**
 * 16x16x3 -> ZeroPadding2D(1) + 3x3 valid conv (8), BN, ReLU -> ZeroPadding2D(1) + 3x3/2 max pool (as Keras ResNet50's
 * pool1) -> block1 (identity), block2 (stride 2, projection shortcut, 16), block3 (identity) -> GAP -> Dense 10.
 */
export function kerasResnet(): tfl.LayersModel {
  const input = tfl.input({ name: 'image', shape: [16, 16, 3] });
  let x = apply(tfl.layers.zeroPadding2d({ name: 'conv1_pad', padding: 1 }), input);
  x = bnRelu('conv1', conv('conv1_conv', x, 8, 3, { padding: 'valid', activation: 'linear' }));
  x = apply(tfl.layers.zeroPadding2d({ name: 'pool1_pad', padding: 1 }), x);
  x = apply(tfl.layers.maxPooling2d({ name: 'pool1_pool', poolSize: 3, strides: 2 }), x);
  x = residualBlock('block1', x, 8, 1);
  x = residualBlock('block2', x, 16, 2);
  x = residualBlock('block3', x, 16, 1);
  x = apply(tfl.layers.globalAveragePooling2d({ name: 'avg_pool' }), x);
  return tfl.model({ name: 'keras_resnet', inputs: input, outputs: apply(tfl.layers.dense({ name: 'logits', units: 10 }), x) });
}

/**
 * Replaces every weight with seeded values of a size that keeps activations near 1: kernels uniform with variance
 * 2 / fan_in, biases and BN shifts and means in ±0.1, BN scales in [0.8, 1.2], variances in [0.5, 1.5].
 */
export function seedLayersModel(model: tfl.LayersModel, seed: number): void {
  for (const layer of model.layers) {
    const values = layer.weights.map((w) => {
      const u = uniformStream(`${seed}/${w.originalName}`);
      const shape = w.shape as number[];
      const n = shape.reduce((a, b) => a * b, 1);
      const fanIn = shape.length > 1 ? n / shape[shape.length - 1]! : 1;
      const kind = w.originalName.split('/').pop()!;
      const draw: () => number =
        kind === 'gamma' ? () => 0.8 + 0.4 * u()
        : kind === 'moving_variance' ? () => 0.5 + u()
        : shape.length > 1 ? () => (2 * u() - 1) * Math.sqrt(6 / fanIn)
        : () => 0.2 * u() - 0.1;
      return tf.tensor(Float32Array.from({ length: n }, draw), shape);
    });
    layer.setWeights(values);
    tf.dispose(values);
  }
}
