import { describe, expect, it } from 'vitest';
import { layerPairMatrix } from './layer-pair-matrix';
import { LayerPairError } from './layer-pair-error';
import { absWeightMatrix } from '../weights/abs-weight-matrix';
import { alexnetGraph } from '../architectures/alexnet';
import { toRows } from '../linalg/matrix';
import type { ConvWeights, Graph, GraphNode } from './graph';

/** Seeded, deterministic weights whose entries are all nonzero, so every in-group entry of |W| is positive. */
function weights(shape: ConvWeights['shape'], group: number): ConvWeights {
  const length = shape[0] * shape[1] * shape[2] * shape[3];
  return { shape, group, data: Float32Array.from({ length }, (_, i) => Math.sin(i + 1) || 0.5) };
}

const conv = (name: string, input: string, channels: number, group = 1): GraphNode => ({
  name,
  op: 'conv',
  inputs: [input],
  channels,
  conv: { kernel: [1, 1], strides: [1, 1], pads: [0, 0, 0, 0], dilations: [1, 1], group, bias: false },
});

/** input -> a (2) and b (3) -> concat (5) -> relu -> c (4, group `group`). */
function concatGraph(group: number, bChannels = 3): Graph {
  const nodes: GraphNode[] = [
    { name: 'input', op: 'input', inputs: [], channels: 3 },
    conv('a', 'input', 2),
    conv('b', 'input', bChannels),
    { name: 'join', op: 'concat', inputs: ['a', 'b'], channels: 2 + bChannels, axis: 1 },
    { name: 'act', op: 'relu', inputs: ['join'], channels: 2 + bChannels },
    conv('c', 'act', 4, group),
  ];
  return { name: 'tiny-concat', inputShape: [3, 8, 8], inputRange: [0, 1], nodes, output: 'c' };
}

describe('layerPairMatrix', () => {
  it('gives a 96 x 256 block-diagonal matrix for AlexNet conv1 -> conv2', () => {
    const w = weights([256, 48, 5, 5], 2);
    const m = layerPairMatrix(alexnetGraph(), 'conv1', 'conv2', w);
    expect([m.rows, m.cols]).toEqual([96, 256]);
    const rows = toRows(m);
    const offDiagonal = rows.flatMap((row, i) => row.filter((_, j) => i < 48 !== j < 128));
    const onDiagonal = rows.flatMap((row, i) => row.filter((_, j) => i < 48 === j < 128));
    expect(offDiagonal.every((x) => x === 0)).toBe(true);
    expect(onDiagonal.every((x) => x > 0)).toBe(true);
  });

  it('equals the full |W| matrix for AlexNet conv2 -> conv3 across relu2, norm2 and pool2', () => {
    const w = weights([384, 256, 3, 3], 1);
    const m = layerPairMatrix(alexnetGraph(), 'conv2', 'conv3', w);
    expect(Array.from(m.data)).toEqual(Array.from(absWeightMatrix(w, 256).data));
  });

  it('keeps only the rows of the concat input that comes from `from`', () => {
    const w = weights([4, 5, 1, 1], 1);
    const full = toRows(absWeightMatrix(w, 5));
    expect(toRows(layerPairMatrix(concatGraph(1), 'b', 'c', w))).toEqual(full.slice(2, 5));
    expect(toRows(layerPairMatrix(concatGraph(1), 'a', 'c', w))).toEqual(full.slice(0, 2));
  });

  it('maps concat offsets through the groups of `to`', () => {
    // a feeds channels 0-1 (group 0, outputs 0-1); b feeds channels 2-3 (group 1, outputs 2-3).
    const w = weights([4, 2, 1, 1], 2);
    const m = toRows(layerPairMatrix(concatGraph(2, 2), 'b', 'c', w));
    expect(m.map((row) => row.map((x) => x > 0))).toEqual([
      [false, false, true, true],
      [false, false, true, true],
    ]);
  });

  it('rejects weights whose output channels do not match the layer', () => {
    const call = () => layerPairMatrix(alexnetGraph(), 'conv1', 'conv2', weights([128, 48, 5, 5], 2));
    expect(call).toThrow(LayerPairError);
    expect(call).toThrow('AlexNet (BVLC): conv2 has 256 output channels but its weights have 128');
  });

  it('rejects weights whose group differs from the layer', () => {
    expect(() => layerPairMatrix(alexnetGraph(), 'conv1', 'conv2', weights([256, 96, 5, 5], 1))).toThrow(
      'conv2 has group 2 but its weights say group 1',
    );
  });

  it('rejects weights whose input channels do not match what the layer reads', () => {
    expect(() => layerPairMatrix(alexnetGraph(), 'conv1', 'conv2', weights([256, 40, 5, 5], 2))).toThrow(
      'conv2 reads 96 input channels but its weights take 40 per group x group 2',
    );
  });

  it('rejects weights whose kernel size differs from the layer', () => {
    expect(() => layerPairMatrix(alexnetGraph(), 'conv1', 'conv2', weights([256, 48, 3, 3], 2))).toThrow(
      'conv2 has a 5x5 kernel but its weights are 3x3',
    );
  });
  it('gives each unit the row of the channel a shuffle moves it to, and zeros to units that do not arrive', () => {
    const graph: Graph = {
      name: 'shuffled',
      inputShape: [3, 4, 4],
      inputRange: [0, 1],
      nodes: [
        { name: 'input', op: 'input', inputs: [], channels: 3 },
        conv('a', 'input', 4),
        { name: 'shuffle', op: 'select', inputs: ['a'], channels: 4, select: [0, 2, 1, 3] },
        { name: 'split', op: 'select', inputs: ['shuffle'], channels: 2, select: [2, 3] },
        conv('c', 'split', 3),
      ],
      output: 'c',
    };
    const w = weights([3, 2, 1, 1], 1);
    const full = toRows(absWeightMatrix(w, 2));
    // split channel 0 is a's unit 1, split channel 1 is a's unit 3; units 0 and 2 never reach c.
    expect(toRows(layerPairMatrix(graph, 'a', 'c', w))).toEqual([[0, 0, 0], full[0], [0, 0, 0], full[1]]);
  });
});
