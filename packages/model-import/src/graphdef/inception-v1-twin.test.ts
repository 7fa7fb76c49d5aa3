import * as tf from '@tensorflow/tfjs-core';
import { findBranches } from '@branchscope/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '@branchscope/runtime';
import { buildExecutable } from '@branchscope/runtime';
import { seededArray } from '@branchscope/runtime/testing';
import { decodeGraphDef } from './graphdef-proto';
import { graphDefNodes } from './graphdef-nodes';
import { importGraphDef, type ImportedGraphDef } from './import-graphdef';
import { runGraphDefReference } from './testing/graphdef-reference.test-support';
import { inceptionV1GraphDef, type InceptionV1GraphDef } from './testing/inception-v1-graphdef.test-support';

describe("importGraphDef on a twin of Lucid's InceptionV1.pb", () => {
  let twin: InceptionV1GraphDef;
  let imported: ImportedGraphDef;
  beforeAll(() => {
    twin = inceptionV1GraphDef();
    imported = importGraphDef(twin.bytes, { name: 'Lucid InceptionV1', inputRange: [-117, 138] });
  });

  it("gives the built-in's graph node for node: Lucid's layer names, ops, widths, pads, LRN", () => {
    expect(imported.graph.nodes).toEqual(twin.graph.nodes);
    expect(imported.graph).toMatchObject({ name: 'Lucid InceptionV1', inputShape: [3, 224, 224], inputRange: [-117, 138], output: 'softmax2' });
  });

  it('imports the main classifier (output2), leaving out the auxiliary heads', () => {
    expect(imported.output).toBe('output2');
    expect(imported.graph.nodes.some((n) => /head|nn0|softmax0|softmax1/.test(n.name))).toBe(false);
  });

  it('names each layer after its TensorFlow node by the Lucid rules', () => {
    expect(imported.layerNodes.get('mixed3a_5x5')).toBe('mixed3a_5x5_pre_relu/conv');
    expect(imported.layerNodes.get('mixed3a_5x5_relu')).toBe('mixed3a_5x5');
    expect(imported.layerNodes.get('mixed3a')).toBe('mixed3a');
    expect(imported.layerNodes.get('avgpool0_flatten')).toBe('avgpool0/reshape');
    expect(imported.layerNodes.get('softmax2_pre_activation')).toBe('softmax2_pre_activation/matmul');
  });

  it("finds the built-in's branches with the same unit ranges: mixed3a/5x5 at [192, 224)", () => {
    const blocks = findBranches(imported.graph);
    expect(blocks).toEqual(findBranches(twin.graph));
    expect(blocks.find((b) => b.name === 'mixed3a')!.branches[2]).toMatchObject({ name: 'mixed3a/5x5', units: { layer: 'mixed3a', start: 192, end: 224 } });
  });

  it('converts every kernel HWIO -> OIHW and folds every BiasAdd into its layer, bit for bit', () => {
    const bits = (a: Float32Array): Buffer => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
    const same = (a: Float32Array, b: Float32Array): boolean => bits(a).equals(bits(b));
    for (const node of twin.graph.nodes) {
      if (node.op === 'conv') {
        const [got, want] = [imported.weights.conv(node.name), twin.weights.conv(node.name)];
        expect([got.shape, got.group], node.name).toEqual([want.shape, want.group]);
        expect(same(got.data, want.data), node.name).toBe(true);
        expect(same(imported.weights.convBias(node.name), twin.weights.convBias(node.name)), node.name).toBe(true);
      } else if (node.op === 'dense') {
        expect(imported.weights.dense(node.name).shape).toEqual(twin.weights.dense(node.name).shape);
        expect(same(imported.weights.dense(node.name).data, twin.weights.dense(node.name).data)).toBe(true);
        expect(same(imported.weights.denseBias(node.name), twin.weights.denseBias(node.name))).toBe(true);
      }
    }
    expect(twin.weights.convBias('mixed3a_5x5').some((v) => v !== 0)).toBe(true);
  });

  it('reads the old Concat (axis first) and a declared input shape alike', () => {
    const old = importGraphDef(inceptionV1GraphDef(5, { concat: 'Concat', declareInputShape: true }).bytes);
    expect(old.graph.nodes).toEqual(twin.graph.nodes);
  });

  describe('run by the executor', () => {
    const outputs = ['mixed3a', 'mixed4a', 'softmax2_pre_activation', 'softmax2'];
    let x: tf.Tensor4D;
    let got: Record<string, Float32Array>;
    const arrays = (result: Record<string, tf.Tensor>): Record<string, Float32Array> => {
      const out = Object.fromEntries(outputs.map((o) => [o, result[o]!.dataSync() as Float32Array]));
      tf.dispose(Object.values(result));
      return out;
    };
    const run = (graph: typeof twin.graph, weights: typeof twin.weights): Record<string, Float32Array> => {
      const model = buildExecutable(graph, weights);
      try {
        return arrays(model.predict(x, outputs));
      } finally {
        model.dispose();
      }
    };
    const maxDiff = (a: Float32Array, b: Float32Array): number => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i]!)), 0);
    beforeAll(async () => {
      await initBackend(['wasm', 'cpu'], { log: () => {}, env: {} });
      x = tf.tensor4d(seededArray(224 * 224 * 3, 'graphdef-image', -117, 138), [1, 224, 224, 3]);
      got = run(imported.graph, imported.weights);
    }, 300_000);

    it('gives the outputs of the built-in run with the same weights (within 1e-4)', () => {
      const expected = run(twin.graph, twin.weights);
      for (const o of outputs) {
        expect(maxDiff(got[o]!, expected[o]!), o).toBeLessThan(1e-4);
        expect(got[o]!.some((v) => v !== 0), o).toBe(true);
      }
    });

    it("gives the outputs TensorFlow's own op semantics give on the GraphDef as written (within 1e-4 of their scale)", () => {
      const reference = arrays(runGraphDefReference(graphDefNodes(decodeGraphDef(twin.bytes)), x, outputs));
      for (const o of outputs) {
        const scale = Math.max(1, reference[o]!.reduce((m, v) => Math.max(m, Math.abs(v)), 0));
        expect(maxDiff(got[o]!, reference[o]!) / scale, o).toBeLessThan(1e-4);
      }
    });
  });
});
