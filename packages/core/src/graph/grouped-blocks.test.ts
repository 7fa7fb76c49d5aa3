import { describe, expect, it } from 'vitest';
import { alexnetGraph } from '../architectures/alexnet';
import { findBranches } from './find-branches';

describe('grouped convolution blocks', () => {
  const blocks = findBranches(alexnetGraph()).filter((b) => b.kind === 'grouped');

  it('finds conv2, conv4 and conv5 of AlexNet as two-branch grouped blocks', () => {
    expect(blocks.map((b) => [b.name, b.branches.length])).toEqual([
      ['conv2', 2],
      ['conv4', 2],
      ['conv5', 2],
    ]);
  });

  it('traces conv2 input units back through ReLU, LRN and pooling to conv1', () => {
    expect(blocks[0]!.branches.map((b) => b.inputUnits)).toEqual([
      { layer: 'conv1', start: 0, end: 48 },
      { layer: 'conv1', start: 48, end: 96 },
    ]);
  });

  it('splits each grouped conv output into equal halves', () => {
    expect(blocks[1]!.branches.map((b) => [b.units.start, b.units.end])).toEqual([
      [0, 192],
      [192, 384],
    ]);
    expect(blocks[2]!.branches.map((b) => [b.units.start, b.units.end])).toEqual([
      [0, 128],
      [128, 256],
    ]);
  });

  it('locates conv4 input units on the ungrouped conv3 and conv5 input units on conv4', () => {
    expect(blocks[1]!.branches[1]!.inputUnits).toEqual({ layer: 'conv3', start: 192, end: 384 });
    expect(blocks[2]!.branches[0]!.inputUnits).toEqual({ layer: 'conv4', start: 0, end: 192 });
  });
});
