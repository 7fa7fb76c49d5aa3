import type { Graph } from '../graph/graph';
import { GraphBuilder } from './graph-builder';
import { bottleneckV1, bottleneckV2 } from './resnet-block';

export type ResnetDepth = 50 | 101 | 152;

export interface ResnetOptions {
  depth: ResnetDepth;
  version: 1 | 2;
}

/** Blocks per stage for each depth (bottleneck ResNets). */
export const RESNET_STAGES: Readonly<Record<ResnetDepth, readonly number[]>> = {
  50: [3, 4, 6, 3],
  101: [3, 4, 23, 3],
  152: [3, 8, 36, 3],
};

/** Output widths of the four stages; each block's inner width is a quarter of its stage's. */
export const RESNET_WIDTHS: readonly number[] = [256, 512, 1024, 2048];

/** ImageNet mean/std normalisation maps [0, 1] pixels to about this range. */
const IMAGENET_RANGE: [number, number] = [(0 - 0.485) / 0.229, (1 - 0.406) / 0.225];

/**
 * A bottleneck ResNet like the ONNX model zoo's `resnet{50,101,152}-v1/-v2`, with MXNet-style names
 * (`stage2_unit1_conv1`, `stage2_unit1_sc`, `stage2_unit1_plus`). v1 strides in the block's first 1x1
 * and applies ReLU after the Add; v2 is pre-activation, strides in the 3x3 and adds a final BN/ReLU.
 */
export function resnetGraph(options: ResnetOptions): Graph {
  const { depth, version } = options;
  const stages = RESNET_STAGES[depth];
  if (!stages) throw new Error(`resnetGraph: depth ${String(depth)} is not one of 50, 101, 152`);
  if (version !== 1 && version !== 2) throw new Error(`resnetGraph: version ${String(version)} is not 1 or 2`);
  const b = new GraphBuilder('data', [3, 224, 224]);
  let x = version === 2 ? b.unary('batchnorm', 'bn_data', 'data') : 'data';
  x = b.conv('conv0', x, 64, 7, { stride: 2, pad: 3, bias: false });
  x = b.unary('relu', 'relu0', b.unary('batchnorm', 'bn0', x));
  x = b.pool('maxpool', 'pool0', x, 3, { stride: 2, pad: 1 });
  const block = version === 1 ? bottleneckV1 : bottleneckV2;
  stages.forEach((units, s) => {
    for (let u = 0; u < units; u += 1) {
      const stride = u === 0 && s > 0 ? 2 : 1;
      x = block(b, { name: `stage${s + 1}_unit${u + 1}`, input: x, channels: RESNET_WIDTHS[s]!, stride, project: u === 0 });
    }
  });
  if (version === 2) x = b.unary('relu', 'relu1', b.unary('batchnorm', 'bn1', x));
  x = b.flatten('flatten0', b.unary('globalavgpool', 'pool1', x));
  const out = b.unary('softmax', 'softmax', b.dense('fc1', x, 1000));
  return b.build(`ResNet-${depth} v${version}`, IMAGENET_RANGE, out);
}
