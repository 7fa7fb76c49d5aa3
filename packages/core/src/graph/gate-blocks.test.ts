import { describe, expect, it } from 'vitest';
import { GraphBuilder } from '../architectures/graph-builder';
import { findBranches } from './find-branches';

/** x -> conv -> SE(x) -> project, as in EfficientNet's MBConv without its residual. */
function seGraph(withResidual: boolean) {
  const b = new GraphBuilder('in', [8, 8, 8]);
  const stem = b.conv('stem', 'in', 8, 1);
  const expand = b.unary('silu', 'blk/expand_act', b.conv('blk/expand', stem, 32, 1));
  const dw = b.unary('silu', 'blk/dw_act', b.conv('blk/dw', expand, 32, 3, { pad: 1, group: 32 }));
  const squeeze = b.unary('globalavgpool', 'blk/se/avgpool', dw);
  const fc1 = b.unary('silu', 'blk/se/act', b.conv('blk/se/fc1', squeeze, 8, 1));
  const gate = b.unary('sigmoid', 'blk/se/sigmoid', b.conv('blk/se/fc2', fc1, 32, 1));
  const scaled = b.mul('blk/se/mul', dw, gate);
  const project = b.conv('blk/project', scaled, 8, 1);
  const out = withResidual ? b.add('blk/add', [project, stem]) : project;
  return b.build('se', [0, 1], out);
}

describe('gate blocks', () => {
  it('finds a squeeze-and-excitation gate as a one-branch block whose units are the squeeze conv', () => {
    const gates = findBranches(seGraph(false)).filter((b) => b.kind === 'gate');
    expect(gates).toEqual([
      {
        name: 'blk/se',
        kind: 'gate',
        output: 'blk/se/mul',
        branches: [
          {
            index: 0,
            name: 'blk/se/gate',
            layers: ['blk/se/avgpool', 'blk/se/fc1', 'blk/se/act', 'blk/se/fc2', 'blk/se/sigmoid'],
            units: { layer: 'blk/se/fc1', start: 0, end: 8 },
          },
        ],
      },
    ]);
  });

  it('nests the gate inside the residual path that holds it, whose units stay the depthwise conv', () => {
    const blocks = findBranches(seGraph(true));
    expect(blocks.map((b) => [b.kind, b.name])).toEqual([
      ['grouped', 'blk/dw'],
      ['gate', 'blk/se'],
      ['residual', 'blk'],
    ]);
    const residual = blocks[2]!.branches[0]!;
    expect(residual.units).toEqual({ layer: 'blk/dw', start: 0, end: 32 });
    expect(residual.layers.filter((l) => !l.includes('_act'))).toEqual([
      'blk/expand',
      'blk/dw',
      'blk/se/avgpool',
      'blk/se/fc1',
      'blk/se/act',
      'blk/se/fc2',
      'blk/se/sigmoid',
      'blk/se/mul',
      'blk/project',
    ]);
  });

  it('does not take an element-wise product without a spatial squeeze for a gate', () => {
    const b = new GraphBuilder('in', [4, 8, 8]);
    const x = b.conv('c', 'in', 4, 1);
    b.mul('m', x, b.unary('sigmoid', 's', x));
    expect(findBranches(b.build('t', [0, 1], 'm'))).toEqual([]);
  });
});
