import type { Graph } from '../graph/graph';
import { GraphBuilder } from './graph-builder';
import { SMALL_INPUT_RANGE, smallDefaults, type SmallOptions } from './small-options';

export interface SplitFirstLayerOptions extends SmallOptions {
  /** 4: the first layer is four parallel convs joined by Concat (the article's Figure 7); 1: one conv. */
  branches: 1 | 4;
}

const FIRST_LAYER_WIDTH = 32;

/**
 * A small network whose first layer is split into parallel convs `conv1/b0..b3` (8 units each) joined
 * by a Concat named `conv1`; the control has a single conv `conv1` of the same 32 units. Both continue
 * with `conv1_relu` and the same plain conv stack, so the first layer is the only branched part.
 */
export function splitFirstLayerGraph(options: SplitFirstLayerOptions): Graph {
  const { branches } = options;
  if (branches !== 1 && branches !== 4) throw new Error(`splitFirstLayerGraph: branches must be 1 or 4, got ${String(branches)}`);
  const { classes, inputSize } = smallDefaults('splitFirstLayerGraph', options);
  const b = new GraphBuilder('data_0', [3, inputSize, inputSize]);
  const width = FIRST_LAYER_WIDTH / branches;
  let x =
    branches === 1
      ? b.conv('conv1', 'data_0', FIRST_LAYER_WIDTH, 5, { pad: 2 })
      : b.concat(
          'conv1',
          Array.from({ length: branches }, (_, i) => b.conv(`conv1/b${i}`, 'data_0', width, 5, { pad: 2 })),
        );
  x = b.pool('maxpool', 'pool1', b.unary('relu', 'conv1_relu', x), 2);
  x = b.unary('relu', 'conv2_relu', b.conv('conv2', x, 64, 3, { pad: 1 }));
  x = b.pool('maxpool', 'pool2', x, 2);
  x = b.unary('relu', 'conv3_relu', b.conv('conv3', x, 128, 3, { pad: 1 }));
  x = b.flatten('flatten', b.unary('globalavgpool', 'pool3', x));
  const out = b.unary('softmax', 'prob', b.dense('fc', x, classes));
  return b.build(`Split first layer (${branches} branch${branches === 1 ? '' : 'es'})`, SMALL_INPUT_RANGE, out);
}
