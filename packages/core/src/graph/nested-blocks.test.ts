import { describe, expect, it } from 'vitest';
import { GraphBuilder } from '../architectures/graph-builder';
import { branchOfUnit } from './branch-of-unit';
import { findBranches } from './find-branches';

/**
 * Inception-v3's Mixed_7b: two of its four branches end in a concat of a 1x3 and a 3x1 conv. PyTorch's exporter
 * flattens those inner concats into the block's (`flat`): six inputs, two pairs of which split off inside the block.
 */
function mixed7b(flat = false) {
  const b = new GraphBuilder('in', [16, 8, 8]);
  const x = b.unary('relu', 'stem', b.conv('stem_conv', 'in', 16, 1));
  const conv = (name: string, input: string, channels: number) => b.unary('relu', `${name}/relu`, b.conv(`${name}/conv`, input, channels, 1));
  const b1 = conv('Mixed_7b/branch1x1', x, 4);
  const b3 = conv('Mixed_7b/branch3x3_1', x, 6);
  const b3pair = [conv('Mixed_7b/branch3x3_2a', b3, 3), conv('Mixed_7b/branch3x3_2b', b3, 3)];
  const d1 = conv('Mixed_7b/branch3x3dbl_2', conv('Mixed_7b/branch3x3dbl_1', x, 5), 5);
  const dpair = [conv('Mixed_7b/branch3x3dbl_3a', d1, 2), conv('Mixed_7b/branch3x3dbl_3b', d1, 2)];
  const pool = conv('Mixed_7b/branch_pool', b.pool('avgpool', 'Mixed_7b/AveragePool', x, 3, { stride: 1, pad: 1 }), 4);
  const inputs = flat ? [b1, ...b3pair, ...dpair, pool] : [b1, b.concat('Mixed_7b/Concat', b3pair), b.concat('Mixed_7b/Concat_1', dpair), pool];
  const out = b.concat('Mixed_7b/Concat_2', inputs);
  return b.build('mixed7b', [0, 1], out);
}

describe('nested blocks', () => {
  it.each([
    ['nested', false],
    ['flattened by the exporter', true],
  ])('puts every conv of an Inception-v3 block with inner concats (%s) into exactly one branch', (_, flat) => {
    const graph = mixed7b(flat);
    const blocks = findBranches(graph);
    const outer = blocks.find((b) => b.output === 'Mixed_7b/Concat_2')!;
    expect(outer.name).toBe('Mixed_7b');
    expect(outer.branches.map((b) => b.name)).toEqual(['Mixed_7b/branch1x1', 'Mixed_7b/branch3x3', 'Mixed_7b/branch3x3dbl', 'Mixed_7b/branch_pool']);
    const convs = graph.nodes.filter((n) => n.op === 'conv' && n.name.startsWith('Mixed_7b/')).map((n) => n.name);
    expect(convs).toHaveLength(9);
    for (const conv of convs) expect(outer.branches.filter((b) => b.layers.includes(conv))).toHaveLength(1);
    expect(outer.branches[1]!.layers).toContain('Mixed_7b/branch3x3_1/conv');
    expect(outer.branches.map((b) => b.units)).toEqual([
      { layer: 'Mixed_7b/Concat_2', start: 0, end: 4 },
      { layer: 'Mixed_7b/Concat_2', start: 4, end: 10 },
      { layer: 'Mixed_7b/Concat_2', start: 10, end: 14 },
      { layer: 'Mixed_7b/Concat_2', start: 14, end: 18 },
    ]);
    const inner = blocks.filter((b) => b.kind === 'concat' && b !== outer);
    expect(inner.map((b) => b.branches.map((r) => r.layers.filter((l) => l.endsWith('/conv'))))).toEqual([
      [['Mixed_7b/branch3x3_2a/conv'], ['Mixed_7b/branch3x3_2b/conv']],
      [['Mixed_7b/branch3x3dbl_3a/conv'], ['Mixed_7b/branch3x3dbl_3b/conv']],
    ]);
    if (flat) {
      expect(inner.map((b) => b.name)).toEqual(['Mixed_7b/branch3x3', 'Mixed_7b/branch3x3dbl']);
      expect(inner[0]!.branches.map((r) => r.units)).toEqual([
        { layer: 'Mixed_7b/Concat_2', start: 4, end: 7 },
        { layer: 'Mixed_7b/Concat_2', start: 7, end: 10 },
      ]);
    }
  });

  it('keeps the groups of a grouped conv inside a residual block on both sides of a layer pair (ResNeXt)', () => {
    const b = new GraphBuilder('in', [8, 8, 8]);
    const x = b.unary('relu', 'stem', b.conv('stem_conv', 'in', 8, 1));
    const c1 = b.unary('relu', 'blk/relu1', b.conv('blk/conv1', x, 8, 1));
    const c2 = b.unary('relu', 'blk/relu2', b.conv('blk/conv2', c1, 8, 3, { pad: 1, group: 4 }));
    b.add('blk/add', [b.conv('blk/conv3', c2, 8, 1), x]);
    const blocks = findBranches(b.build('resnext', [0, 1], 'blk/add'));
    expect(blocks.map((bl) => bl.kind)).toEqual(['grouped', 'residual']);
    // As svdFactors labels conv1 -> conv2: from-units among the blocks conv2 belongs to, to-units among all blocks.
    const fed = blocks.filter((bl) => bl.branches.some((r) => r.layers.includes('blk/conv2')));
    expect(fed).toHaveLength(2);
    expect([0, 1, 2, 7].map((u) => branchOfUnit(fed, 'blk/conv1', u)?.branch)).toEqual([0, 0, 1, 3]);
    expect([0, 1, 2, 7].map((u) => branchOfUnit(blocks, 'blk/conv2', u))).toEqual([0, 0, 1, 3].map((g) => ({ block: 'blk/conv2', branch: g })));
    // The residual path's other layers still belong to its single branch.
    expect(branchOfUnit(blocks, 'blk/conv3', 5)).toEqual({ block: 'blk', branch: 0 });
  });
});
