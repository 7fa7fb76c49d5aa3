import { describe, expect, it } from 'vitest';
import { findBranches } from '../graph/find-branches';
import { validateGraph } from '../graph/validate-graph';
import { googlenetGraph } from './googlenet';
import { inceptionV1Graph } from './inception-v1';

describe('googlenetGraph (BVLC / ONNX names)', () => {
  const graph = googlenetGraph();
  const blocks = findBranches(graph);
  const node = (name: string) => graph.nodes.find((n) => n.name === name);

  it('is well-formed with Caffe ceil-mode pools giving 112 -> 56 -> 28 -> 14 -> 7', () => {
    const shapes = validateGraph(graph);
    expect(['conv1/7x7_s2', 'pool1/3x3_s2', 'pool2/3x3_s2', 'pool3/3x3_s2', 'pool4/3x3_s2'].map((n) => shapes.get(n)?.[1])).toEqual([
      112, 56, 28, 14, 7,
    ]);
  });

  it('uses the BVLC stem names in order', () => {
    const stem = ['data_0', 'conv1/7x7_s2', 'pool1/3x3_s2', 'pool1/norm1', 'conv2/3x3_reduce', 'conv2/3x3', 'conv2/norm2', 'pool2/3x3_s2'];
    const positions = stem.map((name) => graph.nodes.findIndex((n) => n.name === name));
    expect(positions[0]).toBe(0);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(positions.every((p) => p >= 0)).toBe(true);
  });

  it('concatenates inception_3a/output from 1x1, 3x3, 5x5 and pool_proj, in that order', () => {
    expect(node('inception_3a/output')?.inputs).toEqual([
      'inception_3a/relu_1x1',
      'inception_3a/relu_3x3',
      'inception_3a/relu_5x5',
      'inception_3a/relu_pool_proj',
    ]);
    expect(blocks[0]!.name).toBe('inception_3a');
    expect(blocks[0]!.branches.map((b) => b.name)).toEqual(['inception_3a/1x1', 'inception_3a/3x3', 'inception_3a/5x5', 'inception_3a/pool']);
  });

  it('gives inception_4a a 208-wide 3x3 and 512 channels in total', () => {
    expect(node('inception_4a/3x3')?.channels).toBe(208);
    expect(node('inception_4a/output')?.channels).toBe(512);
    expect(blocks.find((b) => b.name === 'inception_4a')!.branches[1]!.units).toEqual({ layer: 'inception_4a/output', start: 192, end: 400 });
  });

  it('gives inception_5a a 32-wide 5x5 reduce', () => {
    expect(node('inception_5a/5x5_reduce')?.channels).toBe(32);
  });

  it('matches Lucid InceptionV1 in every other block width', () => {
    const lucid = inceptionV1Graph();
    const width = (g: typeof graph, name: string) => g.nodes.find((n) => n.name === name)?.channels;
    const pairs: Array<[string, string]> = [
      ['1x1', '1x1'],
      ['3x3_reduce', '3x3_bottleneck'],
      ['3x3', '3x3'],
      ['5x5_reduce', '5x5_bottleneck'],
      ['5x5', '5x5'],
      ['pool_proj', 'pool_reduce'],
    ];
    const differences: string[] = [];
    for (const id of ['3a', '3b', '4a', '4b', '4c', '4d', '4e', '5a', '5b']) {
      for (const [bvlc, luc] of pairs) {
        if (width(graph, `inception_${id}/${bvlc}`) !== width(lucid, `mixed${id}_${luc}`)) differences.push(`${id}/${bvlc}`);
      }
    }
    expect(differences).toEqual(['4a/3x3', '5a/5x5_reduce']);
  });
});
