import { alexnetGraph, findBranches, googlenetGraph, layerPairMatrix, resnetGraph, type BranchedBlock, type Graph } from '@branchscope/core';
import * as tf from '@tensorflow/tfjs-core';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildExecutable } from '@branchscope/runtime';
import { fillNormal } from '@branchscope/runtime';
import { importOnnx, type ImportedOnnx } from './import-onnx';
import { createOnnxRunner } from './onnx-runner';
import { resnetTwin } from './testing/resnet-twin.test-support';
import { useBackend } from './testing/use-backend.test-support';
import { caffe2Twin, type ZooTwin } from './testing/zoo-twins.test-support';

/** max |actual - expected| relative to the expected output's largest magnitude. */
function relativeError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  if (actual.length !== expected.length) return Infinity;
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < expected.length; i++) {
    diff = Math.max(diff, Math.abs(actual[i]! - expected[i]!));
    scale = Math.max(scale, Math.abs(expected[i]!));
  }
  return diff / scale;
}

/** Blocks without member lists, whose ReLU names differ between the Caffe prototxt and its ONNX export. */
const outline = (blocks: BranchedBlock[], graph: Graph) =>
  blocks.map((b) => ({
    name: b.name,
    kind: b.kind,
    output: b.output,
    branches: b.branches.map((r) => ({
      name: r.name,
      units: r.units,
      inputUnits: r.inputUnits,
      layers: r.layers.length,
      convs: r.layers.filter((l) => graph.nodes.find((n) => n.name === l)?.op === 'conv'),
    })),
  }));

/** Widths and member counts only, for ResNets whose zoo names (Gluon) differ from the built-in's (MXNet symbols). */
const shapeOf = (blocks: BranchedBlock[]) => blocks.map((b) => ({ kind: b.kind, branches: b.branches.map((r) => ({ units: r.units.end - r.units.start, layers: r.layers.length })) }));

interface TwinCase {
  title: string;
  make: () => ZooTwin;
  builtin: Graph;
  checkBlocks: (imported: Graph, builtin: Graph) => void;
}

const CASES: TwinCase[] = [
  {
    title: 'bvlcalexnet (opset 9, 67x67 input)',
    make: () => caffe2Twin(alexnetGraph(), { size: 67, seed: 11, opset: 9 }),
    builtin: alexnetGraph(),
    checkBlocks: (imported, builtin) => expect(findBranches(imported)).toEqual(findBranches(builtin)),
  },
  {
    title: 'googlenet (opset 12, 224x224 input)',
    make: () => caffe2Twin(googlenetGraph(), { size: 224, seed: 12, opset: 12 }),
    builtin: googlenetGraph(),
    checkBlocks: (imported, builtin) => {
      const blocks = findBranches(imported);
      expect(blocks.filter((b) => b.kind === 'concat')).toHaveLength(9);
      expect(outline(blocks, imported)).toEqual(outline(findBranches(builtin), builtin));
    },
  },
  ...([1, 2] as const).map((version) => ({
    title: `resnet50-v${version} (opset 7, 64x64 input)`,
    make: () => resnetTwin({ depth: 50, version, size: 64, seed: 13 }),
    builtin: resnetGraph({ depth: 50, version }),
    checkBlocks: (imported: Graph, builtin: Graph) => {
      const blocks = findBranches(imported);
      expect(blocks.filter((b) => b.kind === 'residual')).toHaveLength(16);
      expect(shapeOf(blocks)).toEqual(shapeOf(findBranches(builtin)));
    },
  })),
];

describe('ONNX model zoo twins (exact topology and tensor names, seeded weights)', () => {
  beforeAll(() => useBackend('wasm'));

  for (const c of CASES) {
    describe(c.title, () => {
      let twin: ZooTwin | undefined;
      let imported: ImportedOnnx | undefined;
      beforeAll(() => {
        twin = c.make();
        imported = importOnnx(twin.bytes);
      }, 60_000);
      afterAll(() => {
        twin = undefined;
        imported = undefined;
      });

      it('agrees with onnxruntime-node within 1e-4, through the interpreter and through the graph executor', { timeout: 120_000 }, async () => {
        const { bytes, input, output, inputShape } = twin!;
        const x = fillNormal(new Float32Array(inputShape.reduce((p, d) => p * d, 1)), `${c.title}/input`, 1);
        const session = await ort.InferenceSession.create(bytes);
        const expected = (await session.run({ [input]: new ort.Tensor('float32', x, inputShape) }))[output]!.data as Float32Array;
        await session.release();

        const runner = createOnnxRunner(imported!.onnx);
        const feed = tf.tensor(x, inputShape);
        const viaRunner = runner.run({ [input]: feed })[output]!;
        expect(relativeError(viaRunner.dataSync(), expected)).toBeLessThan(1e-4);
        runner.dispose();

        const executable = buildExecutable(imported!.graph, imported!.weights, { layout: 'NCHW' });
        const viaGraph = executable.predict(feed as tf.Tensor4D)[imported!.graph.output]!;
        expect(relativeError(viaGraph.dataSync(), expected)).toBeLessThan(1e-4);
        executable.dispose();
        tf.dispose([feed, viaRunner, viaGraph]);
      });

      it("has the built-in architecture's branched blocks", () => {
        c.checkBlocks(imported!.graph, c.builtin);
      });
    });
  }

  it('gives AlexNet conv1 -> conv2 the same block-diagonal |W| matrix as the built-in graph', () => {
    const { graph, weights } = importOnnx(caffe2Twin(alexnetGraph(), { size: 67, seed: 11, opset: 9 }).bytes);
    const w = weights.conv('conv2');
    const fromImport = layerPairMatrix(graph, 'conv1', 'conv2', w);
    expect([fromImport.rows, fromImport.cols]).toEqual([96, 256]);
    expect(fromImport).toEqual(layerPairMatrix(alexnetGraph(), 'conv1', 'conv2', w));
    expect(fromImport.data[0 * 256 + 200]).toBe(0);
    expect(fromImport.data[0 * 256 + 10]).toBeGreaterThan(0);
  });
});
