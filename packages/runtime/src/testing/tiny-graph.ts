import type { Graph, GraphNode } from '@branchscope/core';

const conv = (name: string, input: string, channels: number, k: number, stride: number, pads: [number, number, number, number], group: number, dilation = 1): GraphNode => ({
  name,
  op: 'conv',
  inputs: [input],
  channels,
  conv: { kernel: [k, k], strides: [stride, stride], pads, dilations: [dilation, dilation], group, bias: true },
});

/**
 * A 3x9x9 test graph that uses every OpKind: asymmetric pads, grouped, depthwise and dilated convs, LRN,
 * padded and ceil-mode pools, concat on channels and on features, add, batch norm, dense, softmax.
 */
export function tinyGraph(): Graph {
  const nodes: GraphNode[] = [
    { name: 'x', op: 'input', inputs: [], channels: 3 },
    conv('c1', 'x', 4, 3, 1, [1, 0, 2, 1], 1),
    { name: 'r1', op: 'relu', inputs: ['c1'], channels: 4 },
    { name: 'n1', op: 'lrn', inputs: ['r1'], channels: 4, lrn: { size: 3, alpha: 0.5, beta: 0.75, bias: 1 } },
    conv('c2', 'n1', 4, 3, 2, [1, 1, 1, 1], 2),
    { name: 'mp', op: 'maxpool', inputs: ['n1'], channels: 4, pool: { kernel: [3, 3], strides: [2, 2], pads: [1, 1, 1, 1], ceilMode: false } },
    { name: 'cat', op: 'concat', inputs: ['c2', 'mp'], channels: 8, axis: 1 },
    { name: 'bn', op: 'batchnorm', inputs: ['cat'], channels: 8 },
    conv('dw', 'bn', 8, 3, 1, [2, 2, 2, 2], 8, 2),
    { name: 'sum', op: 'add', inputs: ['bn', 'dw'], channels: 8 },
    { name: 'ap', op: 'avgpool', inputs: ['sum'], channels: 8, pool: { kernel: [2, 2], strides: [2, 2], pads: [0, 0, 0, 0], ceilMode: true } },
    { name: 'f', op: 'flatten', inputs: ['ap'], channels: 48 },
    { name: 'gap', op: 'globalavgpool', inputs: ['sum'], channels: 8 },
    { name: 'gf', op: 'flatten', inputs: ['gap'], channels: 8 },
    { name: 'feat', op: 'concat', inputs: ['f', 'gf'], channels: 56, axis: 1 },
    { name: 'fc', op: 'dense', inputs: ['feat'], channels: 5 },
    { name: 'drop', op: 'dropout', inputs: ['fc'], channels: 5 },
    { name: 'prob', op: 'softmax', inputs: ['drop'], channels: 5 },
  ];
  return { name: 'tiny', inputShape: [3, 9, 9], inputRange: [-1, 1], nodes, output: 'prob' };
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
