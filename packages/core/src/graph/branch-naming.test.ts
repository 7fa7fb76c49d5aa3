import { describe, expect, it } from 'vitest';
import { blockName, scopeLabel, sharedPrefix, uniqueLabels } from './branch-naming';

describe('branch naming', () => {
  it('cuts the shared prefix back to a separator', () => {
    expect(sharedPrefix(['x_3x3', 'x_3x5'])).toBe('x_');
    expect(sharedPrefix(['inception_3a/1x1', 'inception_3a/pool'])).toBe('inception_3a/');
  });

  it('has no shared prefix for a single name', () => {
    expect(sharedPrefix(['mixed3a_1x1'])).toBe('');
  });

  it('names a block by the prefix only when the join node carries it', () => {
    expect(blockName('inception_3a/', 'inception_3a/output')).toBe('inception_3a');
    expect(blockName('mixed3a_', 'mixed3a')).toBe('mixed3a');
    expect(blockName('tower_', 'joined')).toBe('joined');
  });

  it('suffixes repeated labels with their index', () => {
    expect(uniqueLabels(['pool', '1x1', 'pool'])).toEqual(['pool', '1x1', 'pool_2']);
  });
  it('labels a branch by the module scope its layers share below the block', () => {
    expect(scopeLabel(['inception3a/branch2/branch2.0/conv', 'inception3a/branch2/branch2.1/conv'], 'inception3a/')).toBe('branch2');
    expect(scopeLabel(['Mixed_7b/branch3x3_1/conv', 'Mixed_7b/branch3x3_2a/conv'], 'Mixed_7b/')).toBe('branch3x3');
    expect(scopeLabel(['inception3a/branch1/conv'], 'inception3a/')).toBe('branch1');
    expect(scopeLabel(['inception_3a/5x5_reduce', 'inception_3a/5x5'], 'inception_3a/')).toBeUndefined();
    expect(scopeLabel(['a/x/conv', 'a/y/conv'], 'a/')).toBeUndefined();
  });
});
