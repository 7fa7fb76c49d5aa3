import { describe, expect, it } from 'vitest';
import { GraphBuilder } from '../architectures/graph-builder';
import { findBranches } from './find-branches';

describe('residual blocks', () => {
  it('ignores an Add whose two inputs both hold several convs', () => {
    const b = new GraphBuilder('in', [4, 8, 8]);
    const path = (p: string) => b.conv(`${p}2`, b.conv(`${p}1`, 'in', 4, 1), 4, 1);
    b.add('sum', [path('a'), path('b')]);
    expect(findBranches(b.build('t', [0, 1], 'sum'))).toEqual([]);
  });

  it('takes the only conv of a one-conv residual path as its units', () => {
    const b = new GraphBuilder('in', [4, 8, 8]);
    const stream = b.conv('stem', 'in', 4, 1);
    b.add('blk_plus', [b.unary('relu', 'blk_relu', b.conv('blk_conv', stream, 4, 3, { pad: 1 })), stream]);
    const [block] = findBranches(b.build('t', [0, 1], 'blk_plus'));
    expect(block!.name).toBe('blk');
    expect(block!.branches[0]!.units).toEqual({ layer: 'blk_conv', start: 0, end: 4 });
    expect(block!.branches[0]!.layers).toEqual(['blk_conv', 'blk_relu']);
  });
});
