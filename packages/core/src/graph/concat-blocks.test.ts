import { describe, expect, it } from 'vitest';
import { GraphBuilder } from '../architectures/graph-builder';
import { findBranches } from './find-branches';

describe('concat blocks', () => {
  it('keeps an input read straight from the fork as a branch with no member layers', () => {
    const b = new GraphBuilder('in', [4, 8, 8]);
    const stem = b.conv('stem', 'in', 6, 3, { pad: 1 });
    const side = b.unary('relu', 'side_relu', b.conv('side', stem, 10, 1));
    b.concat('joined', [stem, side]);
    const [block] = findBranches(b.build('t', [0, 1], 'joined'));
    expect(block!.branches.map((br) => [br.layers, br.units.start, br.units.end])).toEqual([
      [[], 0, 6],
      [['side', 'side_relu'], 6, 16],
    ]);
  });

  it('names branches by their last conv when the members share no prefix', () => {
    const b = new GraphBuilder('in', [4, 8, 8]);
    const left = b.conv('left', 'in', 2, 1);
    const right = b.conv('right', 'in', 3, 1);
    b.concat('joined', [left, right]);
    const [block] = findBranches(b.build('t', [0, 1], 'joined'));
    expect(block!.name).toBe('joined');
    expect(block!.branches.map((br) => br.name)).toEqual(['joined/left', 'joined/right']);
  });
});
