import { readFileSync } from 'node:fs';
import { branchOfUnit, findBranches, layerPairMatrix, type BlockKind, type BranchedBlock, type Graph } from '@branchscope/core';
import * as tf from '@tensorflow/tfjs-core';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildExecutable } from '@branchscope/runtime';
import { fillNormal } from '@branchscope/runtime';
import { importOnnx, type ImportedOnnx } from './import-onnx';
import { runOrt } from './testing/ort-intermediates.test-support';
import { exportTorchvision, torchvisionMissing, type TorchvisionExport } from './testing/torchvision-exports.test-support';
import { useBackend } from './testing/use-backend.test-support';

type Counts = Record<BlockKind, number>;

/**
 * Branched blocks per model: concat blocks (GoogLeNet-style, SqueezeNet's fire modules, DenseNet's feature
 * concats, ShuffleNet's units; Inception-v3's Mixed_7b/7c add an inner block each for their 1x3/3x1 pairs, GoogLeNet's
 * transform_input one for its three per-channel paths), residual blocks, grouped or depthwise convs, SE gates.
 */
const EXPECTED: Record<string, Counts> = {
  alexnet: { concat: 0, residual: 0, grouped: 0, gate: 0 },
  vgg16: { concat: 0, residual: 0, grouped: 0, gate: 0 },
  resnet18: { concat: 0, residual: 8, grouped: 0, gate: 0 },
  resnet50: { concat: 0, residual: 16, grouped: 0, gate: 0 },
  resnet152: { concat: 0, residual: 50, grouped: 0, gate: 0 },
  resnext50_32x4d: { concat: 0, residual: 16, grouped: 16, gate: 0 },
  wide_resnet50_2: { concat: 0, residual: 16, grouped: 0, gate: 0 },
  googlenet: { concat: 9, residual: 0, grouped: 0, gate: 0 },
  googlenet_ti: { concat: 10, residual: 0, grouped: 0, gate: 0 },
  inception_v3: { concat: 15, residual: 0, grouped: 0, gate: 0 },
  densenet121: { concat: 58, residual: 0, grouped: 0, gate: 0 },
  squeezenet1_0: { concat: 8, residual: 0, grouped: 0, gate: 0 },
  squeezenet1_1: { concat: 8, residual: 0, grouped: 0, gate: 0 },
  mobilenet_v2: { concat: 0, residual: 10, grouped: 17, gate: 0 },
  mobilenet_v3_small: { concat: 0, residual: 6, grouped: 11, gate: 9 },
  mobilenet_v3_large: { concat: 0, residual: 10, grouped: 15, gate: 8 },
  shufflenet_v2_x1_0: { concat: 16, residual: 0, grouped: 19, gate: 0 },
  mnasnet1_0: { concat: 0, residual: 10, grouped: 17, gate: 0 },
  efficientnet_b0: { concat: 0, residual: 9, grouped: 16, gate: 16 },
  regnet_y_400mf: { concat: 0, residual: 16, grouped: 16, gate: 16 },
  // Not torchvision: a conv net flattening with x.view(x.size(0), -1), exported with a dynamic batch axis too.
  view_flatten: { concat: 0, residual: 0, grouped: 0, gate: 0 },
};

const countKinds = (blocks: BranchedBlock[]): Counts => ({
  concat: blocks.filter((b) => b.kind === 'concat').length,
  residual: blocks.filter((b) => b.kind === 'residual').length,
  grouped: blocks.filter((b) => b.kind === 'grouped').length,
  gate: blocks.filter((b) => b.kind === 'gate').length,
});

/** max |actual - expected| relative to the expected tensor's largest magnitude. */
function relativeError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  if (actual.length !== expected.length) return Infinity;
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < expected.length; i++) {
    diff = Math.max(diff, Math.abs(actual[i]! - expected[i]!));
    scale = Math.max(scale, Math.abs(expected[i]!));
  }
  return scale === 0 ? diff : diff / scale;
}

const fileOf = (e: TorchvisionExport): string => `${e.name}-op${e.opset}${e.dynamic ? '-dyn' : ''}`;

/**
 * The worst relative error over every conv output and the graph output, against onnxruntime on the same file and
 * the same seeded input: a batch of 2 where the batch axis is dynamic (the graph folded its shape arithmetic for
 * batch 1, yet holds for any batch), else 1.
 */
async function worstError(bytes: Uint8Array, imported: ImportedOnnx, e: TorchvisionExport): Promise<{ worst: number; layer: string; convs: number }> {
  const { graph, weights, layerTensors, onnx } = imported;
  const layers = [...graph.nodes.filter((n) => n.op === 'conv').map((n) => n.name), graph.output];
  const shape = [e.dynamic ? 2 : 1, 3, e.size, e.size];
  const x = fillNormal(new Float32Array(shape.reduce((a, b) => a * b, 1)), fileOf(e), 1);
  const expected = await runOrt(bytes, { [onnx.inputs[0]!.name]: new ort.Tensor('float32', x, shape) }, layers.map((l) => layerTensors.get(l)!));
  const executable = buildExecutable(graph, weights, { layout: 'NCHW' });
  const feed = tf.tensor4d(x, shape as [number, number, number, number]);
  const actual = executable.predict(feed, layers);
  let worst = { worst: 0, layer: '', convs: layers.length - 1 };
  for (const layer of layers) {
    const error = relativeError(actual[layer]!.dataSync(), expected.get(layerTensors.get(layer)!)!);
    if (!(error <= worst.worst)) worst = { ...worst, worst: error, layer };
  }
  tf.dispose([feed, ...Object.values(actual)]);
  executable.dispose();
  return worst;
}

/** The convs named under a block's scope that do not belong to exactly one of its branches. */
function convsOutsideOneBranch(graph: Graph, block: BranchedBlock): string[] {
  const convs = graph.nodes.filter((n) => n.op === 'conv' && n.name.startsWith(`${block.name}/`)).map((n) => n.name);
  expect(convs.length).toBeGreaterThan(0);
  return convs.filter((conv) => block.branches.filter((b) => b.layers.includes(conv)).length !== 1);
}

/** Branch labels of a unit range as svdFactors gives them: `from` units among the blocks `to` belongs to, `to` units among all. */
function pairBranches(blocks: BranchedBlock[], from: string, to: string, units: number[]): { from: Array<number | undefined>; to: Array<number | undefined> } {
  const fed = blocks.filter((b) => b.branches.some((r) => r.layers.includes(to)));
  return { from: units.map((u) => branchOfUnit(fed, from, u)?.branch), to: units.map((u) => branchOfUnit(blocks, to, u)?.branch) };
}

/** Rows of a |W| matrix that hold a nonzero entry. */
const nonzeroRows = (m: { rows: number; cols: number; data: ArrayLike<number> }): number[] =>
  Array.from({ length: m.rows }, (_, r) => r).filter((r) => Array.from({ length: m.cols }, (_, c) => m.data[r * m.cols + c]!).some((v) => v !== 0));

/** Structure checks beyond the block counts, per model. */
const CHECKS: Record<string, (graph: Graph, blocks: BranchedBlock[], imported: ImportedOnnx) => void> = {
  googlenet(graph, blocks) {
    const block = blocks.find((b) => b.name === 'inception3a')!;
    expect(block.branches.map((b) => b.name)).toEqual(['inception3a/branch1', 'inception3a/branch2', 'inception3a/branch3', 'inception3a/branch4']);
    for (const b of blocks) expect(convsOutsideOneBranch(graph, b)).toEqual([]);
    expect(graph.nodes.find((n) => n.name === 'inception3a/branch2/branch2.1/conv')?.rawName).toBe('/inception3a/branch2/branch2.1/conv/Conv');
  },
  inception_v3(graph, blocks) {
    const outer = blocks.filter((b) => /^Mixed_\w+$/.test(b.name));
    expect(outer).toHaveLength(11);
    // Mixed_7b and 7c's 1x3/3x1 pairs are exported flat into the block's concat; their shared convs still belong to one branch.
    for (const b of outer) expect(convsOutsideOneBranch(graph, b)).toEqual([]);
    expect(outer.find((b) => b.name === 'Mixed_7c')!.branches.map((b) => b.name)).toEqual(['Mixed_7c/branch1x1', 'Mixed_7c/branch3x3', 'Mixed_7c/branch3x3dbl', 'Mixed_7c/branch_pool']);
    expect(blocks.filter((b) => b.name.startsWith('Mixed_7c/')).map((b) => b.branches.map((r) => r.name))).toEqual([
      ['Mixed_7c/branch3x3/2a', 'Mixed_7c/branch3x3/2b'],
      ['Mixed_7c/branch3x3dbl/3a', 'Mixed_7c/branch3x3dbl/3b'],
    ]);
  },
  resnext50_32x4d(graph, blocks, { weights }) {
    // conv2 is grouped (32 groups of 4 channels) inside the residual block layer1.0: both sides of conv1 -> conv2 keep their group.
    const [from, to] = ['layer1/layer1.0/conv1', 'layer1/layer1.0/conv2'];
    const units = [0, 3, 4, 7, 127];
    expect(pairBranches(blocks, from, to, units)).toEqual({ from: [0, 0, 1, 1, 31], to: [0, 0, 1, 1, 31] });
    const m = layerPairMatrix(graph, from, to, weights.conv(to));
    expect(Array.from({ length: 128 }, (_, v) => m.data[5 * 128 + v]! !== 0)).toEqual(Array.from({ length: 128 }, (_, v) => Math.floor(v / 4) === 1));
  },
  mobilenet_v2(graph, blocks) {
    // ReLU6 is a clip; a depthwise conv inside an inverted residual keeps its per-channel groups on both sides.
    expect(graph.nodes.filter((n) => n.op === 'clip').every((n) => n.clip!.min === 0 && n.clip!.max === 6)).toBe(true);
    const residual = blocks.find((b) => b.kind === 'residual' && b.name === 'features/features.3')!;
    expect(residual.branches[0]!.units).toEqual({ layer: 'features/features.3/conv/conv.1/conv.1.0', start: 0, end: 144 });
    expect(pairBranches(blocks, 'features/features.3/conv/conv.0/conv.0.0', 'features/features.3/conv/conv.1/conv.1.0', [0, 5, 143])).toEqual({ from: [0, 5, 143], to: [0, 5, 143] });
  },
  mobilenet_v3_large(graph) {
    expect(graph.nodes.filter((n) => n.op === 'hardswish').length).toBeGreaterThan(0);
    expect(graph.nodes.filter((n) => n.op === 'mul')).toHaveLength(8);
  },
  efficientnet_b0(graph, blocks) {
    // SiLU folds into one node; the SE gate nests inside the residual path, whose units stay the depthwise conv.
    expect(graph.nodes.filter((n) => n.op === 'silu').length).toBeGreaterThan(0);
    expect(graph.nodes.filter((n) => n.op === 'sigmoid')).toHaveLength(16);
    const residual = blocks.find((b) => b.kind === 'residual' && b.name === 'features/features.2/features.2.1')!;
    expect(residual.branches[0]!.units.layer).toBe('features/features.2/features.2.1/block/block.1/block.1.0');
    expect(residual.branches[0]!.layers).toContain('features/features.2/features.2.1/block/block.2/Mul');
  },
  shufflenet_v2_x1_0(graph, blocks, { weights }) {
    // The channel shuffle and split lie between these convs: half of branch2's units reach the next unit's branch2.
    const to = 'stage2/stage2.1/branch2/branch2.0';
    const m = layerPairMatrix(graph, 'stage2/stage2.0/branch2/branch2.5', to, weights.conv(to));
    expect(nonzeroRows(m)).toEqual(Array.from({ length: 29 }, (_, i) => 29 + i));
    expect(blocks.find((b) => b.name === 'stage2/stage2.1')!.branches.map((b) => b.name)).toEqual(['stage2/stage2.1/Slice', 'stage2/stage2.1/branch2']);
  },
};

const missing = torchvisionMissing();
if (missing) console.warn(`Skipping the torchvision import tests: ${missing}`);

describe.skipIf(missing !== undefined)('torchvision classification models import into the layer graph', () => {
  let exports: TorchvisionExport[] = [];
  const results: string[] = [];
  beforeAll(async () => {
    await useBackend('wasm');
    exports = exportTorchvision().models;
  }, 600_000);

  // The per-model figures, printed once at the end of a run.
  afterAll(() => console.info(results.join('\n')));

  for (const [name, counts] of Object.entries(EXPECTED)) {
    it(`${name}: every conv output within 1e-4 of onnxruntime, and its branched blocks`, { timeout: 300_000 }, async () => {
      for (const e of exports.filter((x) => x.name === name)) {
        const bytes = new Uint8Array(readFileSync(e.path));
        const started = performance.now();
        const imported = importOnnx(bytes);
        const blocks = findBranches(imported.graph);
        expect({ file: fileOf(e), ...countKinds(blocks) }).toEqual({ file: fileOf(e), ...counts });
        CHECKS[name]?.(imported.graph, blocks, imported);
        const { worst, layer, convs } = await worstError(bytes, imported, e);
        results.push(`${fileOf(e).padEnd(28)} ${convs} convs, max relative error ${worst.toExponential(2)} (${layer}), ${JSON.stringify(counts)}, ${((performance.now() - started) / 1000).toFixed(1)} s`);
        expect({ file: fileOf(e), layer, ok: worst < 1e-4 }).toEqual({ file: fileOf(e), layer, ok: true });
      }
    });
  }
});
