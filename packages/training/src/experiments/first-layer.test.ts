import { smallAlexnetGraph, splitFirstLayerGraph } from '@branchscope/core';
import { describe, expect, it } from 'vitest';
import { seededWeights } from '@branchscope/runtime';
import { firstLayer } from './first-layer';

describe('firstLayer', () => {
  it('splits AlexNet-style conv1 by the groups of the conv2 it feeds', () => {
    const graph = smallAlexnetGraph({ branches: 2 });
    const first = firstLayer(graph, seededWeights(graph, 1));
    expect(first.layer).toBe('conv1');
    expect(first.next).toBe('conv2');
    expect(first.branches).toEqual([
      { name: 'conv2/group0', range: [0, 16] },
      { name: 'conv2/group1', range: [16, 32] },
    ]);
  });

  it('joins four parallel first convs into one layer of 32 filters, in Concat order', () => {
    const graph = splitFirstLayerGraph({ branches: 4 });
    const weights = seededWeights(graph, 1);
    const first = firstLayer(graph, weights);
    expect(first.layer).toBe('conv1');
    expect(first.weights.shape).toEqual([32, 3, 5, 5]);
    expect(first.branches.map((b) => b.range)).toEqual([[0, 8], [8, 16], [16, 24], [24, 32]]);
    expect(first.weights.data[8 * 75]).toBe(weights.conv('conv1/b1').data[0]);
  });

  it('gives an unbranched control no branches and the conv it feeds', () => {
    const graph = smallAlexnetGraph({ branches: 1 });
    const first = firstLayer(graph, seededWeights(graph, 1));
    expect(first.branches).toEqual([]);
    expect(first.next).toBe('conv2');
  });
});
