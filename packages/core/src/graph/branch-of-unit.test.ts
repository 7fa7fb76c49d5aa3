import { describe, expect, it } from 'vitest';
import { alexnetGraph } from '../architectures/alexnet';
import { inceptionV1Graph } from '../architectures/inception-v1';
import { resnetGraph } from '../architectures/resnet';
import { branchOfUnit } from './branch-of-unit';
import { findBranches } from './find-branches';

describe('branchOfUnit', () => {
  const blocks = findBranches(alexnetGraph());

  it('assigns AlexNet conv1 units 0-47 to conv2 branch 0 and 48-95 to branch 1', () => {
    expect(branchOfUnit(blocks, 'conv1', 0)).toEqual({ block: 'conv2', branch: 0 });
    expect(branchOfUnit(blocks, 'conv1', 47)).toEqual({ block: 'conv2', branch: 0 });
    expect(branchOfUnit(blocks, 'conv1', 48)).toEqual({ block: 'conv2', branch: 1 });
    expect(branchOfUnit(blocks, 'conv1', 95)).toEqual({ block: 'conv2', branch: 1 });
  });

  it('prefers the block a unit belongs to over the block it feeds', () => {
    expect(branchOfUnit(blocks, 'conv4', 200)).toEqual({ block: 'conv4', branch: 1 });
  });

  it('returns undefined for units outside every branch', () => {
    expect(branchOfUnit(blocks, 'conv1', 96)).toBeUndefined();
    expect(branchOfUnit(blocks, 'fc6', 0)).toBeUndefined();
  });

  it('rejects a negative unit with an error naming the layer', () => {
    expect(() => branchOfUnit(blocks, 'conv1', -1)).toThrow(/conv1/);
  });

  it('maps a unit of a joined Inception layer to the branch whose slice holds it', () => {
    const inception = findBranches(inceptionV1Graph());
    expect(branchOfUnit(inception, 'mixed3a', 191)).toEqual({ block: 'mixed3a', branch: 1 });
    expect(branchOfUnit(inception, 'mixed3a', 192)).toEqual({ block: 'mixed3a', branch: 2 });
  });

  it('maps a unit of a member layer inside a branch to that branch', () => {
    const inception = findBranches(inceptionV1Graph());
    expect(branchOfUnit(inception, 'mixed4a_5x5_bottleneck', 3)).toEqual({ block: 'mixed4a', branch: 2 });
  });

  it('maps an inner unit of a residual block to its single branch', () => {
    const resnet = findBranches(resnetGraph({ depth: 50, version: 1 }));
    expect(branchOfUnit(resnet, 'stage3_unit2_conv2', 255)).toEqual({ block: 'stage3_unit2', branch: 0 });
  });
});
