import { builtinArchitectures, findBranches, type Graph, type GraphNode, type OpKind } from '@branchscope/core';
import { describe, expect, it } from 'vitest';
import { demoModels } from './demo-models';
import { firstLayerPair } from './first-layer-pair';
import { viewKinds } from './view-kinds';

const graphs = new Map<string, Graph>([
  ...builtinArchitectures().map((arch) => [arch.id, arch.build()] as const),
  ...demoModels().map((model) => [model.id, model.graph] as const),
]);

/**
 * A graph as an ONNX import gives it: nodes in order, each reading the one before. `conv:N/gG` is a 3x3 conv of N
 * units in G groups, `residual:NAME` adds the node NAME to the one before; other entries are channel-preserving ops
 * named by kind.
 */
function imported(name: string, inChannels: number, steps: Array<[string, string]>): Graph {
  const nodes: GraphNode[] = [{ name: 'input', op: 'input', inputs: [], channels: inChannels }];
  for (const [layer, step] of steps) {
    const previous = nodes[nodes.length - 1]!;
    const [kind, arg] = step.split(':');
    if (kind === 'conv') {
      const [units, group] = arg!.split('/g').map(Number);
      const conv = { kernel: [3, 3], strides: [1, 1], pads: [1, 1, 1, 1], dilations: [1, 1], group: group ?? 1, bias: true } as GraphNode['conv'];
      nodes.push({ name: layer, op: 'conv', inputs: [previous.name], channels: units!, conv });
    } else if (kind === 'residual') {
      nodes.push({ name: layer, op: 'add', inputs: [previous.name, arg!], channels: previous.channels });
    } else {
      nodes.push({ name: layer, op: kind as OpKind, inputs: [previous.name], channels: previous.channels });
    }
  }
  return { name, inputShape: [inChannels, 32, 32], inputRange: [0, 1], nodes, output: nodes[nodes.length - 1]!.name };
}

/** BVLC AlexNet's convs as PyTorch exports them: LRN and pooling between conv1 and conv2, conv2, conv4 and conv5 in 2 groups. */
const PYTORCH_BVLC_ALEXNET = imported('grouped-alexnet', 3, [
  ['conv1', 'conv:96'],
  ['relu1/Relu', 'relu'],
  ['norm1/LRN', 'lrn'],
  ['pool1/MaxPool', 'maxpool'],
  ['conv2', 'conv:256/g2'],
  ['relu2/Relu', 'relu'],
  ['norm2/LRN', 'lrn'],
  ['pool2/MaxPool', 'maxpool'],
  ['conv3', 'conv:384'],
  ['relu3/Relu', 'relu'],
  ['conv4', 'conv:384/g2'],
  ['relu4/Relu', 'relu'],
  ['conv5', 'conv:256/g2'],
  ['relu5/Relu', 'relu'],
]);

/** conv1 (32 units), the ops `between`, conv2 as `second` says, then an ungrouped conv3: the first layer pair is conv1 → conv2. */
function firstPair(second: string, between: Array<[string, string]> = [['relu1', 'relu']]): Graph {
  return imported('pair', 3, [['conv1', 'conv:32'], ...between, ['conv2', second], ['relu2', 'relu'], ['conv3', 'conv:64']]);
}

function structureOf(graph: Graph) {
  const blocks = findBranches(graph);
  const pair = firstLayerPair(graph, blocks);
  return { pair, views: viewKinds(blocks, pair) };
}

function structure(id: string) {
  const graph = graphs.get(id)!;
  const blocks = findBranches(graph);
  const pair = firstLayerPair(graph, blocks);
  return { pair, views: viewKinds(blocks, pair) };
}

describe('firstLayerPair and viewKinds', () => {
  it('opens AlexNet in the AlexNet view on conv1 → conv2', () => {
    expect(structure('alexnet')).toEqual({ pair: { from: 'conv1', to: 'conv2' }, views: ['alexnet'] });
  });

  it('opens the unbranched control in the AlexNet view: its conv1 → conv2 singular vectors still mean something', () => {
    expect(structure('demo-small-alexnet-1b')).toEqual({ pair: { from: 'conv1', to: 'conv2' }, views: ['alexnet'] });
    expect(structure('split-first-layer-1b').views).toEqual(['alexnet']);
  });

  it('takes a first layer split into 4 convs as the Concat joining them, shown by the AlexNet and Inception views', () => {
    expect(structure('demo-split-first-layer-4b')).toEqual({ pair: { from: 'conv1', to: 'conv2' }, views: ['alexnet', 'inception'] });
  });

  it('shows InceptionV1 and GoogLeNet in the Inception view only, though their first layers form a pair', () => {
    expect(structure('inceptionv1')).toEqual({ pair: { from: 'conv2d0', to: 'conv2d1' }, views: ['inception'] });
    expect(structure('googlenet').views).toEqual(['inception']);
  });

  it('shows ResNets in the ResNet view only: the first conv feeds two convs of the first block', () => {
    expect(structure('resnet50-v1')).toEqual({ pair: null, views: ['resnet'] });
    expect(structure('small-resnet-residual').views).toEqual(['resnet']);
  });

  it('gives every built-in and demo model at least one view', () => {
    for (const id of graphs.keys()) expect(structure(id).views.length, id).toBeGreaterThan(0);
  });

  describe('imported models', () => {
    it('opens a BVLC-shaped AlexNet exported from PyTorch in the AlexNet view, on conv1 → conv2 with its 2 groups of conv1 units', () => {
      expect(structureOf(PYTORCH_BVLC_ALEXNET)).toEqual({ pair: { from: 'conv1', to: 'conv2' }, views: ['alexnet'] });
      const conv2 = findBranches(PYTORCH_BVLC_ALEXNET).find((block) => block.output === 'conv2')!;
      expect(conv2.branches.map((branch) => branch.inputUnits)).toEqual([
        { layer: 'conv1', start: 0, end: 48 },
        { layer: 'conv1', start: 48, end: 96 },
      ]);
    });

    it('finds the pair through ReLU6, hard swish, SiLU, batch norm and a folded scale and shift as well as ReLU, LRN and pooling', () => {
      for (const op of ['clip', 'hardswish', 'silu', 'sigmoid', 'batchnorm', 'affine', 'avgpool', 'dropout']) {
        expect(structureOf(firstPair('conv:64/g2', [['act', op]])), op).toEqual({ pair: { from: 'conv1', to: 'conv2' }, views: ['alexnet'] });
      }
    });

    it('draws up to 8 groups, each reading two or more conv1 units', () => {
      expect(structureOf(firstPair('conv:64/g8')).views).toEqual(['alexnet']);
      expect(structureOf(firstPair('conv:64/g16')).views).toEqual([]);
    });

    it('gives no AlexNet view when conv2 is depthwise: one group per conv1 unit is no pair of branches', () => {
      const depthwise = firstPair('conv:32/g32', [['bn1', 'batchnorm'], ['relu1', 'clip']]);
      expect(structureOf(depthwise)).toEqual({ pair: { from: 'conv1', to: 'conv2' }, views: [] });
    });

    it('still opens the AlexNet view when only a deeper conv is depthwise: conv1 → conv2 is ungrouped', () => {
      const graph = imported('deep-depthwise', 3, [['conv1', 'conv:32'], ['relu1', 'relu'], ['conv2', 'conv:64'], ['relu2', 'relu'], ['conv3', 'conv:64/g64'], ['conv4', 'conv:128']]);
      expect(structureOf(graph)).toEqual({ pair: { from: 'conv1', to: 'conv2' }, views: ['alexnet'] });
    });

    it('shows a ResNeXt-style model, grouped convs inside residual blocks, in the ResNet view only', () => {
      const graph = imported('resnext', 3, [
        ['conv1', 'conv:64'],
        ['relu1', 'relu'],
        ['block/conv_a', 'conv:64'],
        ['block/conv_b', 'conv:64/g32'],
        ['block/conv_c', 'conv:64'],
        ['block/add', 'residual:relu1'],
      ]);
      expect(structureOf(graph).views).toEqual(['resnet']);
    });
  });
});
