import { describe, expect, it } from 'vitest';
import { connectionBetween } from './connection-between';
import { LayerPairError } from './layer-pair-error';
import { alexnetGraph } from '../architectures/alexnet';
import type { Graph, GraphNode } from './graph';

const conv = (name: string, input: string, channels: number): GraphNode => ({
  name,
  op: 'conv',
  inputs: [input],
  channels,
  conv: { kernel: [1, 1], strides: [1, 1], pads: [0, 0, 0, 0], dilations: [1, 1], group: 1, bias: false },
});

const graphOf = (name: string, nodes: GraphNode[]): Graph => ({
  name,
  inputShape: [3, 8, 8],
  inputRange: [0, 1],
  nodes: [{ name: 'input', op: 'input', inputs: [], channels: 3 }, ...nodes],
  output: nodes[nodes.length - 1]!.name,
});

function codeOf(call: () => unknown): string | undefined {
  try {
    call();
  } catch (error) {
    if (error instanceof LayerPairError) return error.code;
    throw error;
  }
  return undefined;
}

describe('connectionBetween', () => {
  it('connects AlexNet conv1 to conv2 through relu1, norm1 and pool1 at offset 0', () => {
    expect(connectionBetween(alexnetGraph(), 'conv1', 'conv2')).toEqual({ offset: 0, units: 96 });
  });

  it('places the second concat input after the channels of the first', () => {
    const g = graphOf('two-way', [
      conv('a', 'input', 2),
      conv('b', 'input', 3),
      { name: 'join', op: 'concat', inputs: ['a', 'b'], channels: 5, axis: 1 },
      conv('c', 'join', 4),
    ]);
    expect(connectionBetween(g, 'b', 'c')).toEqual({ offset: 2, units: 3 });
  });

  it('adds the offsets of nested concats', () => {
    const g = graphOf('nested', [
      conv('a', 'input', 2),
      conv('b', 'input', 3),
      conv('d', 'input', 4),
      { name: 'inner', op: 'concat', inputs: ['a', 'd'], channels: 6, axis: 1 },
      { name: 'pool', op: 'maxpool', inputs: ['inner'], channels: 6 },
      { name: 'outer', op: 'concat', inputs: ['b', 'pool'], channels: 9, axis: 1 },
      conv('c', 'outer', 4),
    ]);
    expect(connectionBetween(g, 'd', 'c')).toEqual({ offset: 5, units: 4 });
  });

  it('passes through the sum of a residual connection', () => {
    const g = graphOf('residual', [
      conv('a', 'input', 4),
      conv('b', 'a', 4),
      { name: 'sum', op: 'add', inputs: ['b', 'input'], channels: 4 },
      conv('c', 'sum', 2),
    ]);
    expect(connectionBetween(g, 'b', 'c')).toEqual({ offset: 0, units: 4 });
  });

  it('lists close names when a layer is unknown', () => {
    expect(() => connectionBetween(alexnetGraph(), 'conv7', 'conv2')).toThrow(
      'AlexNet (BVLC): no layer named "conv7"; close names: conv1, conv2, conv3, conv4',
    );
    expect(codeOf(() => connectionBetween(alexnetGraph(), 'conv1', 'Conv-2'))).toBe('unknown-layer');
  });

  it('rejects a target that is not a conv and names its op', () => {
    expect(() => connectionBetween(alexnetGraph(), 'conv5', 'fc6')).toThrow(
      'AlexNet (BVLC): conv5 -> fc6: fc6 is a dense layer, not a conv',
    );
  });

  it('names the conv that lies between two layers that are not consecutive', () => {
    expect(() => connectionBetween(alexnetGraph(), 'conv1', 'conv3')).toThrow(
      'AlexNet (BVLC): conv1 -> conv3: conv layer conv2 lies between them',
    );
    expect(codeOf(() => connectionBetween(alexnetGraph(), 'conv1', 'conv3'))).toBe('layer-between');
  });

  it('rejects a source that does not reach the target', () => {
    expect(() => connectionBetween(alexnetGraph(), 'conv3', 'conv2')).toThrow(
      'AlexNet (BVLC): conv3 -> conv2: the output of conv3 does not reach conv2',
    );
  });

  it('ignores parallel branches of a concat that do not come from the source', () => {
    const g = graphOf('branches', [
      conv('a', 'input', 2),
      conv('b', 'input', 3),
      conv('b2', 'b', 3),
      { name: 'join', op: 'concat', inputs: ['a', 'b2'], channels: 5, axis: 1 },
      conv('c', 'join', 4),
    ]);
    expect(connectionBetween(g, 'a', 'c')).toEqual({ offset: 0, units: 2 });
    expect(codeOf(() => connectionBetween(g, 'b', 'c'))).toBe('layer-between');
  });

  it('rejects an op that does not keep channels, such as flatten', () => {
    const g = graphOf('flat', [
      conv('a', 'input', 2),
      { name: 'flat', op: 'flatten', inputs: ['a'], channels: 128 },
      conv('c', 'flat', 4),
    ]);
    expect(() => connectionBetween(g, 'a', 'c')).toThrow('flat: a -> c: flat (flatten) lies between them and does not keep channels');
  });

  it('rejects a source that reaches the target at two different offsets', () => {
    const g = graphOf('twice', [
      conv('a', 'input', 2),
      { name: 'act', op: 'relu', inputs: ['a'], channels: 2 },
      { name: 'join', op: 'concat', inputs: ['a', 'act'], channels: 4, axis: 1 },
      conv('c', 'join', 4),
    ]);
    expect(codeOf(() => connectionBetween(g, 'a', 'c'))).toBe('ambiguous');
  });
  it('maps units through a channel split and shuffle, one channel each, with -1 for units that do not arrive', () => {
    // ShuffleNet: concat(left, right), shuffle in two groups, split; conv c reads the second half.
    const g = graphOf('shuffle', [
      conv('left', 'input', 2),
      conv('right', 'input', 2),
      { name: 'join', op: 'concat', inputs: ['left', 'right'], channels: 4, axis: 1 },
      { name: 'shuffle', op: 'select', inputs: ['join'], channels: 4, select: [0, 2, 1, 3] },
      { name: 'split', op: 'select', inputs: ['shuffle'], channels: 2, select: [2, 3] },
      conv('c', 'split', 4),
    ]);
    expect(connectionBetween(g, 'right', 'c')).toEqual({ offset: 1, units: 2, channels: [-1, 1] });
    expect(connectionBetween(g, 'left', 'c')).toEqual({ offset: 0, units: 2, channels: [-1, 0] });
  });

  it('follows a gate along the stream it multiplies, not through the gate', () => {
    const g = graphOf('gated', [
      conv('a', 'input', 4),
      { name: 'pool', op: 'globalavgpool', inputs: ['a'], channels: 4 },
      conv('fc', 'pool', 4),
      { name: 'sig', op: 'sigmoid', inputs: ['fc'], channels: 4 },
      { name: 'gate', op: 'mul', inputs: ['a', 'sig'], channels: 4 },
      conv('c', 'gate', 3),
    ]);
    expect(connectionBetween(g, 'a', 'c')).toEqual({ offset: 0, units: 4 });
    expect(codeOf(() => connectionBetween(g, 'fc', 'c'))).toBe('not-connected');
  });
});
