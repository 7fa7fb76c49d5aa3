import { describe, expect, it } from 'vitest';
import type { BlockKind, Graph } from '../graph/graph';
import { findBranches } from '../graph/find-branches';
import { windowOutput } from '../graph/infer-shapes';
import { validateGraph } from '../graph/validate-graph';
import { smallAlexnetGraph } from './small-alexnet';
import { smallInceptionGraph } from './small-inception';
import { smallResnetGraph } from './small-resnet';
import { splitFirstLayerGraph } from './split-first-layer';

const kinds = (graph: Graph): BlockKind[] => findBranches(graph).map((b) => b.kind);

describe('small trainable variants', () => {
  it('gives the 2-branch small AlexNet three grouped blocks splitting conv1 at unit 16', () => {
    const blocks = findBranches(smallAlexnetGraph({ branches: 2 }));
    expect(blocks.map((b) => [b.name, b.kind, b.branches.length])).toEqual([
      ['conv2', 'grouped', 2],
      ['conv4', 'grouped', 2],
      ['conv5', 'grouped', 2],
    ]);
    expect(blocks[0]!.branches.map((b) => b.inputUnits)).toEqual([
      { layer: 'conv1', start: 0, end: 16 },
      { layer: 'conv1', start: 16, end: 32 },
    ]);
  });

  it('keeps the small AlexNet control at the same widths with no branched block', () => {
    const branched = smallAlexnetGraph({ branches: 2 });
    const control = smallAlexnetGraph({ branches: 1 });
    expect(kinds(control)).toEqual([]);
    expect(control.nodes.map((n) => [n.name, n.channels])).toEqual(branched.nodes.map((n) => [n.name, n.channels]));
  });

  it('widens the first layer on request: 96 filters, 7x7 stride 2 at 64 px split at unit 48 with conv1 at 32 x 32', () => {
    const graph = smallAlexnetGraph({ branches: 2, inputSize: 64, firstLayer: { filters: 96, kernel: 7, stride: 2 } });
    expect(findBranches(graph)[0]!.branches.map((b) => b.inputUnits)).toEqual([
      { layer: 'conv1', start: 0, end: 48 },
      { layer: 'conv1', start: 48, end: 96 },
    ]);
    const conv1 = graph.nodes.find((n) => n.name === 'conv1')!.conv!;
    expect(conv1).toMatchObject({ kernel: [7, 7], strides: [2, 2] });
    expect(windowOutput(64, 7, 2, conv1.pads[0], conv1.pads[2])).toBe(32);
    const four = findBranches(splitFirstLayerGraph({ branches: 4, firstLayer: { filters: 96 } }))[0]!;
    expect(four.branches.map((b) => [b.units.start, b.units.end])).toEqual([[0, 24], [24, 48], [48, 72], [72, 96]]);
  });

  it('names the builder and the field of a first layer it cannot build', () => {
    expect(() => smallAlexnetGraph({ branches: 2, firstLayer: { filters: 33 } })).toThrow("smallAlexnetGraph: firstLayer.filters (33) must split evenly into 2 branches");
    expect(() => splitFirstLayerGraph({ branches: 4, firstLayer: { stride: 0 } })).toThrow('splitFirstLayerGraph: firstLayer.stride must be an integer from 1 to 4, got 0');
  });

  it('splits the first layer into four 8-unit convs joined by the Concat conv1', () => {
    const blocks = findBranches(splitFirstLayerGraph({ branches: 4 }));
    expect(blocks.length).toBe(1);
    expect(blocks[0]!.output).toBe('conv1');
    expect(blocks[0]!.branches.map((b) => [b.name, b.layers, b.units.start, b.units.end])).toEqual([
      ['conv1/b0', ['conv1/b0'], 0, 8],
      ['conv1/b1', ['conv1/b1'], 8, 16],
      ['conv1/b2', ['conv1/b2'], 16, 24],
      ['conv1/b3', ['conv1/b3'], 24, 32],
    ]);
  });

  it('gives the split-first-layer control a single 32-unit conv1 and no concat block', () => {
    const control = splitFirstLayerGraph({ branches: 1 });
    expect(kinds(control)).toEqual([]);
    expect(control.nodes.find((n) => n.name === 'conv1')).toMatchObject({ op: 'conv', channels: 32 });
  });

  it('gives the branched small Inception two blocks, each with a 5x5 branch', () => {
    const graph = smallInceptionGraph({ branched: true });
    const blocks = findBranches(graph);
    expect(blocks.map((b) => [b.name, b.kind])).toEqual([
      ['mixed1', 'concat'],
      ['mixed2', 'concat'],
    ]);
    for (const block of blocks) {
      const five = block.branches.find((b) => b.name === `${block.name}/5x5`)!;
      expect(graph.nodes.find((n) => n.name === five.layers[2])?.conv?.kernel).toEqual([5, 5]);
    }
  });

  it('replaces each small Inception block in the control by one conv of the same total width', () => {
    const branched = smallInceptionGraph({ branched: true });
    const control = smallInceptionGraph({ branched: false });
    expect(kinds(control)).toEqual([]);
    for (const name of ['mixed1', 'mixed2']) {
      const width = branched.nodes.find((n) => n.name === name)!.channels;
      expect(control.nodes.find((n) => n.name === `${name}_conv`)).toMatchObject({ op: 'conv', channels: width });
      expect(control.nodes.find((n) => n.name === name)?.channels).toBe(width);
    }
  });

  it('gives the residual small ResNet six residual blocks and the plain control none', () => {
    expect(kinds(smallResnetGraph({ residual: true }))).toEqual(Array(6).fill('residual'));
    const plain = smallResnetGraph({ residual: false });
    expect(kinds(plain)).toEqual([]);
    expect(plain.nodes.some((n) => n.op === 'add')).toBe(false);
  });

  it('builds every variant well-formed at 32 and 64 pixels', () => {
    for (const inputSize of [32, 64] as const) {
      const graphs = [
        smallAlexnetGraph({ branches: 2, inputSize }),
        splitFirstLayerGraph({ branches: 4, inputSize }),
        smallInceptionGraph({ branched: true, inputSize }),
        smallResnetGraph({ residual: true, inputSize }),
      ];
      for (const graph of graphs) expect(validateGraph(graph).get(graph.nodes[0]!.name)).toEqual([3, inputSize, inputSize]);
    }
  });

  it('sets the class count of the last dense layer', () => {
    const graph = smallResnetGraph({ residual: true, classes: 7 });
    expect(graph.nodes.find((n) => n.name === graph.output)?.channels).toBe(7);
  });

  it('rejects an unsupported branch count with an error naming it', () => {
    expect(() => smallAlexnetGraph({ branches: 3 as 2 })).toThrow(/branches must be 1 or 2, got 3/);
    expect(() => splitFirstLayerGraph({ branches: 2 as 4 })).toThrow(/branches must be 1 or 4, got 2/);
  });
});
