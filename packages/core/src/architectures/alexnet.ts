import type { Graph, GraphNode } from '../graph/graph';

const lrn = { size: 5, alpha: 1e-4, beta: 0.75, bias: 1 };
// Caffe pools round up: at 224 input the maps go 54 -> 27 -> 13 -> 6, so fc6 sees 256x6x6 = 9216 features.
const pool3s2 = (): NonNullable<GraphNode['pool']> => ({ kernel: [3, 3], strides: [2, 2], pads: [0, 0, 0, 0], ceilMode: true });

function conv(name: string, input: string, channels: number, k: number, stride: number, pad: number, group: number): GraphNode {
  return {
    name,
    op: 'conv',
    inputs: [input],
    channels,
    conv: {
      kernel: [k, k],
      strides: [stride, stride],
      pads: [pad, pad, pad, pad],
      dilations: [1, 1],
      group,
      bias: true,
    },
  };
}

const same = (name: string, op: GraphNode['op'], input: string, channels: number, extra: Partial<GraphNode> = {}): GraphNode => ({
  name,
  op,
  inputs: [input],
  channels,
  ...extra,
});

/**
 * AlexNet as in BVLC Caffe and the ONNX model zoo's `bvlcalexnet`: conv2, conv4 and conv5 have group 2,
 * so conv1's units 0-47 feed one branch and 48-95 the other.
 */
export function alexnetGraph(): Graph {
  const nodes: GraphNode[] = [
    same('data_0', 'input', '', 3, { inputs: [] }),
    conv('conv1', 'data_0', 96, 11, 4, 0, 1),
    same('relu1', 'relu', 'conv1', 96),
    same('norm1', 'lrn', 'relu1', 96, { lrn }),
    same('pool1', 'maxpool', 'norm1', 96, { pool: pool3s2() }),
    conv('conv2', 'pool1', 256, 5, 1, 2, 2),
    same('relu2', 'relu', 'conv2', 256),
    same('norm2', 'lrn', 'relu2', 256, { lrn }),
    same('pool2', 'maxpool', 'norm2', 256, { pool: pool3s2() }),
    conv('conv3', 'pool2', 384, 3, 1, 1, 1),
    same('relu3', 'relu', 'conv3', 384),
    conv('conv4', 'relu3', 384, 3, 1, 1, 2),
    same('relu4', 'relu', 'conv4', 384),
    conv('conv5', 'relu4', 256, 3, 1, 1, 2),
    same('relu5', 'relu', 'conv5', 256),
    same('pool5', 'maxpool', 'relu5', 256, { pool: pool3s2() }),
    same('flatten', 'flatten', 'pool5', 256 * 6 * 6),
    same('fc6', 'dense', 'flatten', 4096),
    same('relu6', 'relu', 'fc6', 4096),
    same('drop6', 'dropout', 'relu6', 4096),
    same('fc7', 'dense', 'drop6', 4096),
    same('relu7', 'relu', 'fc7', 4096),
    same('drop7', 'dropout', 'relu7', 4096),
    same('fc8', 'dense', 'drop7', 1000),
    same('prob', 'softmax', 'fc8', 1000),
  ];
  return { name: 'AlexNet (BVLC)', inputShape: [3, 224, 224], inputRange: [-123.68, 151.061], nodes, output: 'prob' };
}
