import { describe, expect, it } from 'vitest';
import type { Graph } from '../graph/graph';
import { findBranches } from '../graph/find-branches';
import { validateGraph } from '../graph/validate-graph';
import { resnetGraph } from './resnet';

const ops = (graph: Graph, names: readonly string[]): string[] => names.map((n) => graph.nodes.find((x) => x.name === n)!.op);

describe('resnetGraph', () => {
  const v1 = resnetGraph({ depth: 50, version: 1 });
  const v2 = resnetGraph({ depth: 50, version: 2 });

  it('finds 16 residual blocks in ResNet-50, stages 3, 4, 6, 3', () => {
    const blocks = findBranches(v1);
    expect(blocks.length).toBe(16);
    expect(blocks.every((b) => b.kind === 'residual' && b.branches.length === 1)).toBe(true);
    const perStage = [1, 2, 3, 4].map((s) => blocks.filter((b) => b.name.startsWith(`stage${s}_`)).length);
    expect(perStage).toEqual([3, 4, 6, 3]);
  });

  it('finds 50 residual blocks in ResNet-152 of both versions, stages 3, 8, 36, 3', () => {
    for (const version of [1, 2] as const) {
      const blocks = findBranches(resnetGraph({ depth: 152, version }));
      expect(blocks.length).toBe(50);
      expect([1, 2, 3, 4].map((s) => blocks.filter((b) => b.name.startsWith(`stage${s}_`)).length)).toEqual([3, 8, 36, 3]);
    }
  });

  it('gives every block inner units of width C/4 on its 3x3 conv', () => {
    const widths = [256, 512, 1024, 2048];
    for (const graph of [v1, v2]) {
      for (const block of findBranches(graph)) {
        const stage = Number(block.name[5]);
        const units = block.branches[0]!.units;
        expect(units).toEqual({ layer: `${block.name}_conv2`, start: 0, end: widths[stage - 1]! / 4 });
        expect(graph.nodes.find((n) => n.name === units.layer)?.conv?.kernel).toEqual([3, 3]);
        expect(graph.nodes.find((n) => n.name === block.output)?.channels).toBe(widths[stage - 1]);
      }
    }
  });

  it('orders a v1 block conv, BN, ReLU, conv, BN, ReLU, conv, BN, then Add and ReLU', () => {
    const block = findBranches(v1)[1]!;
    expect(ops(v1, block.branches[0]!.layers)).toEqual(['conv', 'batchnorm', 'relu', 'conv', 'batchnorm', 'relu', 'conv', 'batchnorm']);
    const after = v1.nodes.filter((n) => n.inputs.includes(block.output));
    expect(after.map((n) => n.op)).toEqual(['relu']);
  });

  it('orders a v2 block BN, ReLU, conv, BN, ReLU, conv, BN, ReLU, conv with no ReLU after the Add', () => {
    const [projecting, identity] = findBranches(v2);
    const expected = ['batchnorm', 'relu', 'conv', 'batchnorm', 'relu', 'conv', 'batchnorm', 'relu', 'conv'];
    expect(ops(v2, projecting!.branches[0]!.layers)).toEqual(expected);
    expect(ops(v2, identity!.branches[0]!.layers)).toEqual(expected);
    const after = v2.nodes.filter((n) => n.inputs.includes(identity!.output));
    expect(after.map((n) => n.op)).not.toContain('relu');
  });

  it('strides in the first 1x1 for v1 and in the 3x3 for v2', () => {
    const stride = (g: Graph, name: string) => g.nodes.find((n) => n.name === name)?.conv?.strides[0];
    expect([stride(v1, 'stage2_unit1_conv1'), stride(v1, 'stage2_unit1_conv2')]).toEqual([2, 1]);
    expect([stride(v2, 'stage2_unit1_conv1'), stride(v2, 'stage2_unit1_conv2')]).toEqual([1, 2]);
  });

  it('projects the shortcut only on each stage first block', () => {
    const projections = v1.nodes.filter((n) => n.name.endsWith('_sc')).map((n) => n.name);
    expect(projections).toEqual(['stage1_unit1_sc', 'stage2_unit1_sc', 'stage3_unit1_sc', 'stage4_unit1_sc']);
  });

  it('is well-formed at both versions with a 2048x7x7 final map', () => {
    expect(validateGraph(v1).get('stage4_unit3_relu')).toEqual([2048, 7, 7]);
    expect(validateGraph(v2).get('stage4_unit3_plus')).toEqual([2048, 7, 7]);
  });

  it('rejects an unknown depth with an error naming it', () => {
    expect(() => resnetGraph({ depth: 34 as 50, version: 1 })).toThrow(/depth 34/);
  });
});
