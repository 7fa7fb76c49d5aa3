import type { BranchedBlock, Layer, ModelDetail } from '@branchscope/client';
import { describe, expect, it } from 'vitest';
import { residualBlocks, stageSummary } from './residual-blocks';

const layer = (name: string, op: string, units: number, inputs: string[] = []): Layer => ({ name, op, units, inputs, kernel: null, strides: null, group: null });

/** A block whose branch is `<name>_conv1 → <name>_conv2` with `units` inside, joined by `<name>_plus`. */
function block(name: string, units: number): BranchedBlock {
  return {
    name,
    kind: 'RESIDUAL',
    output: `${name}_plus`,
    branches: [{ index: 0, name: `${name}/residual`, layers: [`${name}_conv1`, `${name}_conv2`], units: { layer: `${name}_conv2`, start: 0, end: units }, inputUnits: null }],
  };
}

function model(blocks: BranchedBlock[], layers: Layer[]): ModelDetail {
  const weights = { kind: 'SEEDED_RANDOM' as const, seed: 1, dataset: null, epochs: null, fileName: null, sha256: null, readingNote: '' };
  return { id: 'm', name: 'm', family: 'resnet', inputShape: [3, 32, 32], weights, views: ['RESNET'], firstLayerPair: null, layers, branchedBlocks: blocks };
}

describe('residualBlocks', () => {
  it('takes the stage from the block name and the inner width from the branch units', () => {
    const rows = residualBlocks(model([block('stage1_unit1', 64), block('stage2_unit1', 128)], []));
    expect(rows.map((r) => [r.name, r.stage, r.units, r.unitsLayer])).toEqual([
      ['stage1_unit1', 'stage1', 64, 'stage1_unit1_conv2'],
      ['stage2_unit1', 'stage2', 128, 'stage2_unit1_conv2'],
    ]);
  });

  it('counts stages from changes of inner width when names carry none', () => {
    const rows = residualBlocks(model([block('a', 16), block('b', 16), block('c', 32)], []));
    expect(rows.map((r) => r.stage)).toEqual(['stage 1', 'stage 1', 'stage 2']);
  });

  it("reads the stream width from the Add layer and tells a projection shortcut from an identity", () => {
    const layers = [
      layer('s1_sc', 'conv', 256),
      layer('stage1_unit1_plus', 'add', 256, ['stage1_unit1_conv2', 's1_sc']),
      layer('stage1_unit2_plus', 'add', 256, ['stage1_unit2_conv2', 'stage1_unit1_relu']),
      layer('stage1_unit1_relu', 'relu', 256, ['stage1_unit1_plus']),
    ];
    const [first, second] = residualBlocks(model([block('stage1_unit1', 64), block('stage1_unit2', 64)], layers));
    expect([first?.streamUnits, first?.projection]).toEqual([256, 's1_sc']);
    expect(second?.projection).toBeNull();
  });

  it('takes a conv that the next branch reads too for an identity: a linear bottleneck ends its block on a conv', () => {
    // MobileNetV2/V3, EfficientNet: block 4 ends on its project conv (no activation); block 5 reads it and adds it.
    const layers = [
      layer('f4_project', 'conv', 40),
      layer('f5_conv1', 'conv', 240, ['f4_project']),
      layer('f5_conv2', 'conv', 40, ['f5_conv1']),
      layer('f5_plus', 'add', 40, ['f5_conv2', 'f4_project']),
    ];
    const f5: BranchedBlock = { ...block('f5', 240), branches: [{ ...block('f5', 240).branches[0]!, units: { layer: 'f5_conv1', start: 0, end: 240 } }] };
    expect(residualBlocks(model([f5], layers))[0]).toMatchObject({ streamUnits: 40, projection: null });
  });

  it('leaves out blocks that are not residual, squeeze-and-excitation gates among them', () => {
    const concat: BranchedBlock = { ...block('mixed3a', 64), kind: 'CONCAT' };
    const gate: BranchedBlock = { ...block('features.5/se', 8), kind: 'GATE' };
    expect(residualBlocks(model([concat, gate], []))).toEqual([]);
  });
});

describe('stageSummary', () => {
  it('counts the blocks of each stage in order', () => {
    const rows = residualBlocks(model([block('stage1_u1', 64), block('stage1_u2', 64), block('stage2_u1', 128)], []));
    expect(stageSummary(rows)).toEqual([
      { stage: 'stage1', blocks: 2, widths: [64] },
      { stage: 'stage2', blocks: 1, widths: [128] },
    ]);
  });
});
