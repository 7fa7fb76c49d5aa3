import { describe, expect, it } from 'vitest';
import { findBranches } from '../graph/find-branches';
import { validateGraph } from '../graph/validate-graph';
import { inceptionV1Graph } from './inception-v1';

// Copied from the reference table (model-topologies.md), not from the code under test.
// [block, 1x1, 3x3 bottleneck, 3x3, 5x5 bottleneck, 5x5, pool proj, total]
const TABLE: Array<[string, number, number, number, number, number, number, number]> = [
  ['mixed3a', 64, 96, 128, 16, 32, 32, 256],
  ['mixed3b', 128, 128, 192, 32, 96, 64, 480],
  ['mixed4a', 192, 96, 204, 16, 48, 64, 508],
  ['mixed4b', 160, 112, 224, 24, 64, 64, 512],
  ['mixed4c', 128, 128, 256, 24, 64, 64, 512],
  ['mixed4d', 112, 144, 288, 32, 64, 64, 528],
  ['mixed4e', 256, 160, 320, 32, 128, 128, 832],
  ['mixed5a', 256, 160, 320, 48, 128, 128, 832],
  ['mixed5b', 384, 192, 384, 48, 128, 128, 1024],
];

describe('inceptionV1Graph (Lucid numbering)', () => {
  const graph = inceptionV1Graph();
  const blocks = findBranches(graph);
  const channels = (name: string): number | undefined => graph.nodes.find((n) => n.name === name)?.channels;

  it('is well-formed and ends in a 1024-channel 7x7 map before avgpool0', () => {
    const shapes = validateGraph(graph);
    expect(shapes.get('mixed5b')).toEqual([1024, 7, 7]);
    expect(shapes.get('avgpool0')).toEqual([1024, 1, 1]);
  });

  it('takes 224x224 input in [-117, 138]', () => {
    expect(graph.inputShape).toEqual([3, 224, 224]);
    expect(graph.inputRange).toEqual([-117, 138]);
  });

  it('orders the stem as conv2d0, maxpool0, LRN, conv2d1, conv2d2, LRN, maxpool1', () => {
    const stem = ['conv2d0', 'maxpool0', 'localresponsenorm0', 'conv2d1', 'conv2d2', 'localresponsenorm1', 'maxpool1'];
    const positions = stem.map((name) => graph.nodes.findIndex((n) => n.name === name));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect([channels('conv2d0'), channels('conv2d1'), channels('conv2d2')]).toEqual([64, 64, 192]);
  });

  it('places maxpool4 between mixed3b and mixed4a and maxpool10 between mixed4e and mixed5a', () => {
    const node = (name: string) => graph.nodes.find((n) => n.name === name);
    expect(node('maxpool4')?.inputs).toEqual(['mixed3b']);
    expect(node('mixed4a_1x1')?.inputs).toEqual(['maxpool4']);
    expect(node('maxpool10')?.inputs).toEqual(['mixed4e']);
    expect(node('mixed5a_1x1')?.inputs).toEqual(['maxpool10']);
  });

  it('finds exactly the nine mixed blocks, each with branches 1x1, 3x3, 5x5, pool', () => {
    expect(blocks.map((b) => [b.kind, b.name])).toEqual(TABLE.map((row) => ['concat', row[0]]));
    for (const block of blocks) {
      expect(block.branches.map((b) => b.name)).toEqual(['1x1', '3x3', '5x5', 'pool'].map((s) => `${block.name}/${s}`));
    }
  });

  it.each(TABLE)('gives %s the reference widths, ranges and total', (name, c1, b3, c3, b5, c5, pp, total) => {
    const block = blocks.find((b) => b.name === name)!;
    const ranges = block.branches.map((b) => [b.units.start, b.units.end]);
    expect(ranges).toEqual([
      [0, c1],
      [c1, c1 + c3],
      [c1 + c3, c1 + c3 + c5],
      [c1 + c3 + c5, total],
    ]);
    expect(c1 + c3 + c5 + pp).toBe(total);
    expect(channels(name)).toBe(total);
    expect(block.branches.every((b) => b.units.layer === name)).toBe(true);
    expect(channels(`${name}_3x3_bottleneck`)).toBe(b3);
    expect(channels(`${name}_5x5_bottleneck`)).toBe(b5);
    expect(channels(`${name}_pool_reduce`)).toBe(pp);
  });

  it('places mixed3a/5x5 at [192, 224) with its bottleneck and 5x5 conv as members', () => {
    const branch = blocks[0]!.branches[2]!;
    expect(branch.units).toEqual({ layer: 'mixed3a', start: 192, end: 224 });
    expect(branch.layers).toEqual(['mixed3a_5x5_bottleneck', 'mixed3a_5x5_bottleneck_relu', 'mixed3a_5x5', 'mixed3a_5x5_relu']);
    expect(graph.nodes.find((n) => n.name === 'mixed3a_5x5')?.conv?.kernel).toEqual([5, 5]);
  });
});
