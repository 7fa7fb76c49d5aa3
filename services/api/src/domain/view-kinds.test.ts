import { builtinArchitectures, findBranches, type Graph } from '@branchscope/core';
import { describe, expect, it } from 'vitest';
import { demoModels } from './demo-models';
import { firstLayerPair } from './first-layer-pair';
import { viewKinds } from './view-kinds';

const graphs = new Map<string, Graph>([
  ...builtinArchitectures().map((arch) => [arch.id, arch.build()] as const),
  ...demoModels().map((model) => [model.id, model.graph] as const),
]);

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
});
