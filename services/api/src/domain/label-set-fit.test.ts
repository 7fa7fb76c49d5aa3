import { findBranches, inceptionV1Graph, type Graph } from '@branchscope/core';
import type { ModelRecord } from '@branchscope/store';
import { describe, expect, it } from 'vitest';
import { labelLayersMismatch } from './label-set-fit';

const model = (id: string, graph: Graph) => {
  const record = { id, name: id, family: 'inception', graph, weights: { kind: 'seeded', seed: 0 }, createdAt: '' } as unknown as ModelRecord;
  return { model: record, blocks: findBranches(graph) };
};

/** InceptionV1 with mixed3a's 5x5 conv `width` wide instead of 32 (so every later range of mixed3a moves). */
function widened(width: number): Graph {
  const graph = inceptionV1Graph();
  const nodes = graph.nodes.map((n) => (n.name === 'mixed3a_5x5' || n.name === 'mixed3a_5x5_relu' ? { ...n, channels: width } : n));
  return { ...graph, nodes: nodes.map((n) => (n.name === 'mixed3a' ? { ...n, channels: 256 - 32 + width } : n)) };
}

describe('labelLayersMismatch', () => {
  const lucid = model('inceptionv1', inceptionV1Graph());
  const layers = ['mixed3a', 'mixed3b', 'mixed4a'];

  it('finds nothing between two graphs with the same blocks at the labelled layers', () => {
    expect(labelLayersMismatch(lucid, model('imported', inceptionV1Graph()), layers)).toBeUndefined();
  });

  it('names a layer the other model lacks, or has at another width', () => {
    const renamed = inceptionV1Graph();
    const noMixed3b = { ...renamed, nodes: renamed.nodes.map((n) => (n.name === 'mixed3b' ? { ...n, name: 'inception_3b' } : n)) };
    expect(labelLayersMismatch(lucid, model('bvlc', noMixed3b), layers)).toBe("model 'bvlc' has no layer 'mixed3b'");
    expect(labelLayersMismatch(lucid, model('wide', widened(40)), layers)).toBe("layer 'mixed3a' has 264 units in model 'wide', 256 in 'inceptionv1'");
  });

  it('names the branches when a layer has its width but other ranges', () => {
    const graph = widened(40);
    // Take the 8 units back from the pool projection: mixed3a stays 256 wide, its 5x5 at [192, 232), pool at [232, 256).
    const nodes = graph.nodes.map((n) =>
      n.name === 'mixed3a' ? { ...n, channels: 256 } : n.name === 'mixed3a_pool_reduce' || n.name === 'mixed3a_pool_reduce_relu' ? { ...n, channels: 24 } : n,
    );
    expect(labelLayersMismatch(lucid, model('moved', { ...graph, nodes }), ['mixed3a'])).toBe(
      "the concat block 'mixed3a' of model 'moved' has branches mixed3a/1x1 [0, 64), mixed3a/3x3 [64, 192), mixed3a/5x5 [192, 232), mixed3a/pool [232, 256); " +
        "'inceptionv1' has mixed3a/1x1 [0, 64), mixed3a/3x3 [64, 192), mixed3a/5x5 [192, 224), mixed3a/pool [224, 256)",
    );
  });
});
