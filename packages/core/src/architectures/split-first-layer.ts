import type { Graph } from '../graph/graph';
import { GraphBuilder } from './graph-builder';
import { firstLayerDefaults, SMALL_INPUT_RANGE, smallDefaults, type FirstLayerOptions, type SmallOptions } from './small-options';

export interface SplitFirstLayerOptions extends SmallOptions {
  /** 4: the first layer is four parallel convs joined by Concat (the article's Figure 7); 1: one conv. */
  branches: 1 | 4;
  /** The first layer in all (default 32 filters, 5x5, stride 1), split evenly across the branches. */
  firstLayer?: FirstLayerOptions;
}

/**
 * A small network whose first layer is split into parallel convs `conv1/b0..b3` (8 units each by default) joined
 * by a Concat named `conv1`; the control has a single conv `conv1` of the same units. Both continue
 * with `conv1_relu` and the same plain conv stack, so the first layer is the only branched part.
 */
export function splitFirstLayerGraph(options: SplitFirstLayerOptions): Graph {
  const { branches } = options;
  if (branches !== 1 && branches !== 4) throw new Error(`splitFirstLayerGraph: branches must be 1 or 4, got ${String(branches)}`);
  const { classes, inputSize } = smallDefaults('splitFirstLayerGraph', options);
  const first = firstLayerDefaults('splitFirstLayerGraph', options.firstLayer, branches);
  const b = new GraphBuilder('data_0', [3, inputSize, inputSize]);
  const conv = (name: string, filters: number) => b.conv(name, 'data_0', filters, first.kernel, { stride: first.stride, pad: 'same' });
  let x =
    branches === 1
      ? conv('conv1', first.filters)
      : b.concat('conv1', Array.from({ length: branches }, (_, i) => conv(`conv1/b${i}`, first.filters / branches)));
  x = b.pool('maxpool', 'pool1', b.unary('relu', 'conv1_relu', x), 2);
  x = b.unary('relu', 'conv2_relu', b.conv('conv2', x, 64, 3, { pad: 1 }));
  x = b.pool('maxpool', 'pool2', x, 2);
  x = b.unary('relu', 'conv3_relu', b.conv('conv3', x, 128, 3, { pad: 1 }));
  x = b.flatten('flatten', b.unary('globalavgpool', 'pool3', x));
  const out = b.unary('softmax', 'prob', b.dense('fc', x, classes));
  return b.build(`Split first layer (${branches} branch${branches === 1 ? '' : 'es'})`, SMALL_INPUT_RANGE, out);
}
