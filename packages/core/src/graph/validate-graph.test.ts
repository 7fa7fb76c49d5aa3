import { describe, expect, it } from 'vitest';
import { smallInceptionGraph } from '../architectures/small-inception';
import type { Graph, GraphNode } from './graph';
import { validateGraph } from './validate-graph';

/** The branched small Inception with one node changed. */
function withNode(name: string, change: (node: GraphNode) => GraphNode): Graph {
  const graph = smallInceptionGraph({ branched: true });
  return { ...graph, nodes: graph.nodes.map((n) => (n.name === name ? change(structuredClone(n)) : n)) };
}

describe('validateGraph', () => {
  it('returns every node shape of a valid graph', () => {
    const shapes = validateGraph(smallInceptionGraph({ branched: true }));
    expect(shapes.get('mixed1')).toEqual([80, 16, 16]);
    expect(shapes.get('mixed2')).toEqual([128, 8, 8]);
  });

  it('names a node that reads an unknown input', () => {
    expect(() => validateGraph(withNode('mixed1_1x1', (n) => ({ ...n, inputs: ['nowhere'] })))).toThrow(
      /node "mixed1_1x1" \(conv\) reads "nowhere", which is not an earlier node/,
    );
  });

  it('names a node that reads a later node', () => {
    expect(() => validateGraph(withNode('pool1', (n) => ({ ...n, inputs: ['mixed1'] })))).toThrow(/node "pool1".*"mixed1", which is not an earlier node/);
  });

  it('names a concat whose channels are not the sum of its inputs', () => {
    expect(() => validateGraph(withNode('mixed1', (n) => ({ ...n, channels: 81 })))).toThrow(/node "mixed1" \(concat\) has 81 channels but its inputs sum to 80/);
  });

  it('names a grouped conv whose group does not divide its input channels', () => {
    expect(() => validateGraph(withNode('mixed1_1x1', (n) => ({ ...n, conv: { ...n.conv!, group: 3 } })))).toThrow(
      /node "mixed1_1x1" \(conv\) has group 3, which must divide its 32 input/,
    );
  });

  it('names a ReLU that changes the channel count', () => {
    expect(() => validateGraph(withNode('conv1_relu', (n) => ({ ...n, channels: 31 })))).toThrow(/node "conv1_relu" \(relu\) has 31 channels but its input has 32/);
  });

  it('names an add whose operands differ in width', () => {
    const graph = smallInceptionGraph({ branched: true });
    const add: GraphNode = { name: 'bad_add', op: 'add', inputs: ['mixed1_1x1', 'mixed1_3x3'], channels: 16 };
    const broken = { ...graph, nodes: [...graph.nodes, add] };
    expect(() => validateGraph(broken)).toThrow(/node "bad_add" \(add\) adds inputs with channels 16, 32/);
  });

  it('names a flatten whose size disagrees with its input', () => {
    expect(() => validateGraph(withNode('flatten', (n) => ({ ...n, channels: 127 })))).toThrow(/node "flatten" \(flatten\) has 127 channels but flattens 128x1x1 = 128/);
  });

  it('names a pool that shrinks the map below one pixel', () => {
    expect(() => validateGraph(withNode('pool2', (n) => ({ ...n, pool: { ...n.pool!, kernel: [40, 40] } })))).toThrow(/node "pool2" \(maxpool\) has spatial size/);
  });

  it('rejects an output that is not a node', () => {
    const graph = { ...smallInceptionGraph({ branched: true }), output: 'logits' };
    expect(() => validateGraph(graph)).toThrow(/output "logits" is not a node/);
  });
  it('checks the channels of gates, channel selects and attributed element-wise ops', () => {
    const base: Graph = {
      name: 'ops',
      inputShape: [4, 6, 6],
      inputRange: [0, 1],
      nodes: [
        { name: 'in', op: 'input', inputs: [], channels: 4 },
        { name: 'pool', op: 'globalavgpool', inputs: ['in'], channels: 4 },
        { name: 'hs', op: 'hardsigmoid', inputs: ['pool'], channels: 4, hardSigmoid: { alpha: 1 / 6, beta: 0.5 } },
        { name: 'gate', op: 'mul', inputs: ['in', 'hs'], channels: 4 },
        { name: 'six', op: 'clip', inputs: ['gate'], channels: 4, clip: { min: 0, max: 6 } },
        { name: 'norm', op: 'affine', inputs: ['six'], channels: 4, affine: { scale: [2], shift: [0, 1, 2, 3] } },
        { name: 'shuffle', op: 'select', inputs: ['norm'], channels: 4, select: [0, 2, 1, 3] },
      ],
      output: 'shuffle',
    };
    expect(validateGraph(base).get('gate')).toEqual([4, 6, 6]);
    const change = (name: string, patch: Partial<GraphNode>): Graph => ({ ...base, nodes: base.nodes.map((n) => (n.name === name ? { ...n, ...patch } : n)) });
    expect(() => validateGraph(change('gate', { inputs: ['in', 'in', 'hs'] }))).toThrow(/"gate" \(mul\) has 3 inputs, expected 2/);
    expect(() => validateGraph(change('shuffle', { select: [0, 4, 1, 3] }))).toThrow(/selects channel 4 of an input with 4/);
    expect(() => validateGraph(change('norm', { affine: { scale: [1, 2], shift: [0] } }))).toThrow(/has 2 scales and 1 shifts for 4 channels/);
    expect(() => validateGraph(change('six', { clip: undefined }))).toThrow(/has no clip attributes/);
  });

  it('refuses a gate that is neither 1x1 nor the size of its stream', () => {
    const graph: Graph = {
      name: 'bad-gate',
      inputShape: [4, 6, 6],
      inputRange: [0, 1],
      nodes: [
        { name: 'in', op: 'input', inputs: [], channels: 4 },
        { name: 'pool', op: 'maxpool', inputs: ['in'], channels: 4, pool: { kernel: [2, 2], strides: [2, 2], pads: [0, 0, 0, 0], ceilMode: false } },
        { name: 'gate', op: 'mul', inputs: ['in', 'pool'], channels: 4 },
      ],
      output: 'gate',
    };
    expect(() => validateGraph(graph)).toThrow(/has a 3x3 gate for a 6x6 stream/);
  });
});
