import type { Graph } from '../graph/graph';
import { GraphBuilder } from './graph-builder';
import { bottleneckV1 } from './resnet-block';
import { SMALL_INPUT_RANGE, smallDefaults, type SmallOptions } from './small-options';

export interface SmallResnetOptions extends SmallOptions {
  /** true: v1 bottleneck blocks with shortcuts; false: the same layers without shortcut or Add. */
  residual: boolean;
}

/** Stage widths (inner width is a quarter) and blocks per stage. */
export const SMALL_RESNET_WIDTHS: readonly number[] = [64, 128, 256];
export const SMALL_RESNET_UNITS = 2;

/**
 * A six-block ResNet-v1 for CPU experiments with the full-size names (`stage1_unit1_conv1`...).
 * The plain control keeps every conv, BN and ReLU but drops shortcuts and Adds, so it has no residual blocks.
 */
export function smallResnetGraph(options: SmallResnetOptions): Graph {
  const { residual } = options;
  if (typeof residual !== 'boolean') throw new Error(`smallResnetGraph: residual must be a boolean, got ${String(residual)}`);
  const { classes, inputSize } = smallDefaults('smallResnetGraph', options);
  const b = new GraphBuilder('data', [3, inputSize, inputSize]);
  let x = b.conv('conv0', 'data', 16, 3, { pad: 1, bias: false });
  x = b.unary('relu', 'relu0', b.unary('batchnorm', 'bn0', x));
  SMALL_RESNET_WIDTHS.forEach((channels, s) => {
    for (let u = 0; u < SMALL_RESNET_UNITS; u += 1) {
      const stride = u === 0 && s > 0 ? 2 : 1;
      x = bottleneckV1(b, { name: `stage${s + 1}_unit${u + 1}`, input: x, channels, stride, project: u === 0, residual });
    }
  });
  x = b.flatten('flatten0', b.unary('globalavgpool', 'pool1', x));
  const out = b.unary('softmax', 'softmax', b.dense('fc1', x, classes));
  return b.build(`Small ResNet (${residual ? 'residual' : 'plain'})`, SMALL_INPUT_RANGE, out);
}
