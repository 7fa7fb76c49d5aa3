/** Test support for the training engine. */
import * as tf from '@tensorflow/tfjs-core';
import type { Graph, GraphNode } from '@branchscope/core';
import { initBackend } from '../backend';
import { imageDataset, type DecodedImage, type ImageDataset } from '../datasets/image-dataset';
import { uniformStream } from '../weights/prng';

/** Switches to one of the two in-process backends without logging. */
export async function useBackend(name: 'cpu' | 'wasm'): Promise<void> {
  if (tf.getBackend() !== name) await initBackend([name], { log: () => {}, env: {} });
}

/**
 * Images of sinusoidal gratings in four classes: coloured (a random dominant hue) or grey, horizontal or
 * vertical stripes, with seeded random frequency and phase. Colour and orientation are both learnable from a few batches.
 */
export function gratingsDataset(options: { count: number; size: number; cropSize: number; seed: string }): ImageDataset {
  const { count, size, cropSize, seed } = options;
  const random = uniformStream(seed);
  const images: DecodedImage[] = Array.from({ length: count }, (_, i) => {
    const label = i % 4;
    const coloured = label >= 2;
    const vertical = label % 2 === 1;
    const frequency = 0.4 + 0.5 * random();
    const phase = 2 * Math.PI * random();
    const dominant = Math.floor(3 * random());
    const tint = [0, 1, 2].map((c) => (c === dominant ? 1 : 0.3 * random()));
    const data = new Uint8Array(size * size * 3);
    for (let y = 0; y < size; y++)
      for (let x = 0; x < size; x++) {
        const wave = 0.5 + 0.5 * Math.sin(frequency * (vertical ? x : y) + phase);
        for (let c = 0; c < 3; c++) {
          const value = coloured ? wave * tint[c] : wave;
          data[(y * size + x) * 3 + c] = Math.round(255 * value);
        }
      }
    return { file: `grating-${i}`, label, width: size, height: size, data };
  });
  return imageDataset({ classes: ['grey-horizontal', 'grey-vertical', 'colour-horizontal', 'colour-vertical'], images, cropSize });
}

/**
 * A 3x8x8 graph with every trainable kind the engine handles: a biased conv, a batch norm, a grouped strided
 * conv without bias, dropout and two dense layers, ending in a softmax.
 */
export function tinyTrainGraph(classes = 4): Graph {
  const conv = (name: string, input: string, channels: number, stride: number, group: number, bias: boolean): GraphNode => ({
    name,
    op: 'conv',
    inputs: [input],
    channels,
    conv: { kernel: [3, 3], strides: [stride, stride], pads: [1, 1, 1, 1], dilations: [1, 1], group, bias },
  });
  const nodes: GraphNode[] = [
    { name: 'x', op: 'input', inputs: [], channels: 3 },
    conv('c1', 'x', 4, 1, 1, true),
    { name: 'bn1', op: 'batchnorm', inputs: ['c1'], channels: 4 },
    { name: 'r1', op: 'relu', inputs: ['bn1'], channels: 4 },
    conv('c2', 'r1', 4, 2, 2, false),
    { name: 'r2', op: 'relu', inputs: ['c2'], channels: 4 },
    { name: 'f', op: 'flatten', inputs: ['r2'], channels: 64 },
    { name: 'fc1', op: 'dense', inputs: ['f'], channels: 8 },
    { name: 'r3', op: 'relu', inputs: ['fc1'], channels: 8 },
    { name: 'drop', op: 'dropout', inputs: ['r3'], channels: 8 },
    { name: 'fc2', op: 'dense', inputs: ['drop'], channels: classes },
    { name: 'prob', op: 'softmax', inputs: ['fc2'], channels: classes },
  ];
  return { name: 'tiny trainable', inputShape: [3, 8, 8], inputRange: [0, 1], nodes, output: 'prob' };
}
