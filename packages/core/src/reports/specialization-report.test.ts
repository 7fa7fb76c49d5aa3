import { describe, expect, it } from 'vitest';
import { alexnetGraph } from '../architectures/alexnet';
import type { ConvWeights, Graph, GraphNode } from '../graph/graph';
import { createRandom } from '../random/create-random';
import { plantedWeights } from './planted-filters.test-support';
import { specializationMarkdown } from './specialization-markdown';
import { specializationReport } from './specialization-report';

const conv = (name: string, input: string, channels: number, kernel: number, group = 1): GraphNode => ({
  name,
  op: 'conv',
  inputs: [input],
  channels,
  conv: { kernel: [kernel, kernel], strides: [1, 1], pads: [0, 0, 0, 0], dilations: [1, 1], group, bias: false },
});

/** input -> conv1 (32 7x7 filters) -> relu -> conv2 (16 3x3, `group` groups). */
function twoConvs(group: number): Graph {
  const nodes: GraphNode[] = [
    { name: 'input', op: 'input', inputs: [], channels: 3 },
    conv('conv1', 'input', 32, 7),
    { name: 'relu1', op: 'relu', inputs: ['conv1'], channels: 32 },
    conv('conv2', 'relu1', 16, 3, group),
  ];
  return { name: `planted-${group}`, inputShape: [3, 32, 32], inputRange: [0, 1], nodes, output: 'conv2' };
}

function randomConv(shape: ConvWeights['shape'], group: number, seed: number): ConvWeights {
  const random = createRandom(seed);
  return { shape, group, data: Float32Array.from({ length: shape[0] * shape[1] * shape[2] * shape[3] }, () => random.normal()) };
}

const greyThenColor = [...Array(16).fill('grey'), ...Array(16).fill('color')] as ('grey' | 'color')[];

function weightsOf(first: ConvWeights, group: number): (layer: string) => ConvWeights {
  const second = randomConv([16, 32 / group, 3, 3], group, 11);
  return (layer) => (layer === 'conv1' ? first : second);
}

describe('specializationReport', () => {
  it("says 'split' for a branch of grey filters against a branch of colour filters, and finds two modes", () => {
    const report = specializationReport({ model: { id: 'planted', name: 'planted' }, weights: 'trained-here', graph: twoConvs(2), conv: weightsOf(plantedWeights(greyThenColor), 2) });
    expect(report.layers.map((l) => [l.layer, l.choice])).toEqual([['conv1', 'first layer, branched']]);
    const layer = report.layers[0]!;
    expect(layer.branches).toEqual({ block: 'conv2', kind: 'grouped', ranges: [{ name: 'conv2/group0', range: [0, 16] }, { name: 'conv2/group1', range: [16, 32] }] });
    expect(layer.branchTest!.colorVerdict).toBe('split');
    expect(layer.color!.bimodality.coefficient).toBeGreaterThan(5 / 9);
    expect(layer.color!.bimodality.pUniform).toBeLessThan(0.01);
    expect(layer.color!.dip.pUniform).toBeLessThan(0.01);
    expect(layer.color!.histogram.counts.reduce((a, b) => a + b, 0)).toBe(32);
    expect(layer.next).toBe('conv2');
    expect(layer.factors!.rows.map((r) => [r.centered, r.vector])).toEqual([[false, 0], [false, 1], [true, 0], [true, 1]]);
  });

  it("says 'none' for random filters in two branches, with one mode", () => {
    const report = specializationReport({ model: { id: 'r', name: 'random' }, weights: 'seeded-random', weightsDetail: 'seed 4', graph: twoConvs(2), conv: weightsOf(randomConv([32, 3, 7, 7], 1, 4), 2) });
    const layer = report.layers[0]!;
    expect(layer.branchTest!.colorVerdict).toBe('none');
    expect(layer.color!.bimodality.coefficient).toBeLessThan(5 / 9);
    expect(layer.color!.dip.pUniform).toBeGreaterThan(0.05);
    expect(report.summary[0]).toMatch(/^Weights: seeded random \(seed 4\), never trained/);
  });

  it('says plainly that an unbranched layer has no branches, and still gives its distribution and factors', () => {
    const report = specializationReport({ model: { id: 'u', name: 'unbranched' }, weights: 'imported', weightsDetail: 'u.onnx', graph: twoConvs(1), conv: weightsOf(plantedWeights(greyThenColor), 1) });
    const layer = report.layers[0]!;
    expect(layer.choice).toBe('first layer');
    expect([layer.branches, layer.branchTest]).toEqual([null, null]);
    expect(layer.noBranches).toMatch(/conv1 has no branches/);
    expect(layer.color!.colorIndices).toHaveLength(32);
    expect(layer.factors!.rows.every((r) => Number.isFinite(r.colorSpearman))).toBe(true);
    expect(specializationMarkdown(report)).toMatch(/conv1 has no branches.*still apply/);
  });

  it('splits a first layer of two parallel convs joined by a Concat into its two convs', () => {
    const nodes: GraphNode[] = [
      { name: 'input', op: 'input', inputs: [], channels: 3 },
      conv('grey', 'input', 16, 7),
      conv('colour', 'input', 16, 7),
      { name: 'first', op: 'concat', inputs: ['grey', 'colour'], channels: 32, axis: 1 },
      conv('conv2', 'first', 8, 1),
    ];
    const planted = plantedWeights(greyThenColor);
    const half = (o: number): ConvWeights => ({ shape: [16, 3, 7, 7], group: 1, data: planted.data.slice(o * 16 * 147, (o + 1) * 16 * 147) });
    const graph: Graph = { name: 'parallel', inputShape: [3, 32, 32], inputRange: [0, 1], nodes, output: 'conv2' };
    const weights: Record<string, ConvWeights> = { grey: half(0), colour: half(1), conv2: randomConv([8, 32, 1, 1], 1, 2) };
    const report = specializationReport({ model: { id: 'p', name: 'parallel' }, weights: 'trained-here', graph, conv: (l) => weights[l]! });
    const layer = report.layers[0]!;
    expect([layer.layer, layer.branches?.kind]).toEqual(['first', 'concat']);
    expect(layer.branchTest!.colorVerdict).toBe('split');
  });

  it("reports the built-in AlexNet's conv1 as split by conv2's two groups", () => {
    const graph = alexnetGraph();
    const report = specializationReport({
      model: { id: 'alexnet', name: 'AlexNet' },
      weights: 'seeded-random',
      graph,
      conv: (layer) => {
        const node = graph.nodes.find((n) => n.name === layer)!;
        const input = graph.nodes.find((n) => n.name === node.inputs[0])!;
        const group = node.conv!.group;
        return randomConv([node.channels, input.op === 'input' ? 3 : (input.channels / group), node.conv!.kernel[0], node.conv!.kernel[1]], group, 1);
      },
      samples: 99,
    });
    const layer = report.layers[0]!;
    expect([layer.layer, layer.units, layer.branches?.ranges.map((r) => r.range)]).toEqual(['conv1', 96, [[0, 48], [48, 96]]]);
    expect(layer.factors!.rows[0]!.oneSigned).toBe(true);
  });

  it('says why a deep layer has no colour index from its weights, and rejects an unknown layer', () => {
    const report = specializationReport({ model: { id: 'u', name: 'u' }, weights: 'imported', graph: twoConvs(2), conv: weightsOf(plantedWeights(greyThenColor), 2), layers: ['conv2'] });
    expect(report.layers[0]!.color).toBeNull();
    expect(report.layers[0]!.colorUnavailable).toMatch(/conv2 does not see the image/);
    expect(() => specializationReport({ model: { id: 'u', name: 'u' }, weights: 'imported', graph: twoConvs(2), conv: weightsOf(plantedWeights(greyThenColor), 2), layers: ['conv9'] })).toThrow(/has no layer 'conv9'/);
  });
});
