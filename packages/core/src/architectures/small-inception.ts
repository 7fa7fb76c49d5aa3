import type { Graph } from '../graph/graph';
import { GraphBuilder } from './graph-builder';
import { inceptionTotal, type InceptionWidths } from './inception-blocks';
import { lucidInceptionBlock } from './inception-v1';
import { SMALL_INPUT_RANGE, smallDefaults, type SmallOptions } from './small-options';

export interface SmallInceptionOptions extends SmallOptions {
  /** true: Inception blocks with 1x1, 3x3, 5x5 and pool branches; false: one 3x3 conv of the same width per block. */
  branched: boolean;
}

/** The two blocks' widths: mixed1 totals 80, mixed2 128. */
export const SMALL_INCEPTION_BLOCKS: ReadonlyArray<readonly [string, InceptionWidths]> = [
  ['mixed1', { conv1x1: 16, reduce3x3: 16, conv3x3: 32, reduce5x5: 8, conv5x5: 16, poolProj: 16 }],
  ['mixed2', { conv1x1: 32, reduce3x3: 24, conv3x3: 48, reduce5x5: 8, conv5x5: 24, poolProj: 24 }],
];

/**
 * A two-block InceptionV1-style network for CPU experiments, with Lucid-style names inside blocks
 * (`mixed1_5x5_bottleneck`, `mixed1_5x5`...). In the control each block is a 3x3 conv `<block>_conv`
 * followed by a ReLU named after the block, so `mixed1` is the same-width joined layer in both.
 */
export function smallInceptionGraph(options: SmallInceptionOptions): Graph {
  const { branched } = options;
  if (typeof branched !== 'boolean') throw new Error(`smallInceptionGraph: branched must be a boolean, got ${String(branched)}`);
  const { classes, inputSize } = smallDefaults('smallInceptionGraph', options);
  const b = new GraphBuilder('input', [3, inputSize, inputSize]);
  let x = b.unary('relu', 'conv1_relu', b.conv('conv1', 'input', 32, 3, { pad: 1 }));
  x = b.pool('maxpool', 'pool1', x, 2);
  SMALL_INCEPTION_BLOCKS.forEach(([name, widths], i) => {
    if (i > 0) x = b.pool('maxpool', `pool${i + 1}`, x, 2);
    x = branched
      ? lucidInceptionBlock(b, name, x, widths)
      : b.unary('relu', name, b.conv(`${name}_conv`, x, inceptionTotal(widths), 3, { pad: 1 }));
  });
  x = b.flatten('flatten', b.unary('globalavgpool', 'avgpool', x));
  const out = b.unary('softmax', 'prob', b.dense('fc', x, classes));
  return b.build(`Small Inception (${branched ? 'branched' : 'control'})`, SMALL_INPUT_RANGE, out);
}
