import type { Graph } from '../graph/graph';
import { GraphBuilder } from './graph-builder';
import { firstLayerDefaults, SMALL_INPUT_RANGE, smallDefaults, type FirstLayerOptions, type SmallOptions } from './small-options';

export interface SmallAlexnetOptions extends SmallOptions {
  /** 2: conv2, conv4 and conv5 grouped as in AlexNet; 1: the same widths, ungrouped (the control). */
  branches: 1 | 2;
  /** conv1 (default 32 filters, 5x5, stride 1): wider to give each branch's split test more units. */
  firstLayer?: FirstLayerOptions;
}

/**
 * An AlexNet-shaped network small enough to train on a CPU (32 -> 64 -> 96 -> 96 -> 64 channels,
 * BVLC layer names). With two branches, conv1's first half of units (0-15 by default) feeds conv2's first group
 * and the second half the second, the split where AlexNet's colour / black-and-white specialisation appears.
 */
export function smallAlexnetGraph(options: SmallAlexnetOptions): Graph {
  const { branches } = options;
  if (branches !== 1 && branches !== 2) throw new Error(`smallAlexnetGraph: branches must be 1 or 2, got ${String(branches)}`);
  const { classes, inputSize } = smallDefaults('smallAlexnetGraph', options);
  const first = firstLayerDefaults('smallAlexnetGraph', options.firstLayer, branches);
  const b = new GraphBuilder('data_0', [3, inputSize, inputSize]);
  let x = b.unary('relu', 'relu1', b.conv('conv1', 'data_0', first.filters, first.kernel, { stride: first.stride, pad: 'same' }));
  x = b.pool('maxpool', 'pool1', b.lrn('norm1', x), 2);
  x = b.unary('relu', 'relu2', b.conv('conv2', x, 64, 3, { pad: 1, group: branches }));
  x = b.pool('maxpool', 'pool2', b.lrn('norm2', x), 2);
  x = b.unary('relu', 'relu3', b.conv('conv3', x, 96, 3, { pad: 1 }));
  x = b.unary('relu', 'relu4', b.conv('conv4', x, 96, 3, { pad: 1, group: branches }));
  x = b.unary('relu', 'relu5', b.conv('conv5', x, 64, 3, { pad: 1, group: branches }));
  x = b.flatten('flatten', b.pool('maxpool', 'pool5', x, 2));
  x = b.unary('dropout', 'drop6', b.unary('relu', 'relu6', b.dense('fc6', x, 256)));
  const out = b.unary('softmax', 'prob', b.dense('fc7', x, classes));
  return b.build(`Small AlexNet (${branches} branch${branches === 1 ? '' : 'es'})`, SMALL_INPUT_RANGE, out);
}
