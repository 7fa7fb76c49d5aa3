import { readFileSync } from 'node:fs';
import { findBranches, type Graph, type GraphNode } from '@branchscope/core';
import * as tf from '@tensorflow/tfjs-core';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildExecutable } from '@branchscope/runtime';
import { fillNormal } from '@branchscope/runtime';
import { importOnnx, type ImportedOnnx } from './import-onnx';
import { OnnxImportError } from './onnx-import-error';
import { createOnnxRunner } from './onnx-runner';
import { readOnnx } from './read-onnx';
import { runOrt } from './testing/ort-intermediates.test-support';
import { exportTorchLrn, torchMissing, type TorchLrnExport } from './testing/torch-lrn-exports.test-support';
import { useBackend } from './testing/use-backend.test-support';

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

const fileOf = (e: TorchLrnExport): string => `${e.name}-op${e.opset}${e.dynamic ? '-dyn' : ''}`;

/** The seeded input of an export: a batch of 2 where the batch axis is dynamic, else 1. */
function inputOf(e: TorchLrnExport): { x: Float32Array; shape: [number, number, number, number] } {
  const shape: [number, number, number, number] = [e.dynamic ? 2 : 1, 3, e.size, e.size];
  return { x: fillNormal(new Float32Array(shape.reduce((a, b) => a * b, 1)), fileOf(e), 1), shape };
}

/**
 * The worst relative error of the layer graph over `layers` (default: every conv, every lrn and the output) against
 * onnxruntime on the same file and input.
 */
async function graphError(bytes: Uint8Array, imported: ImportedOnnx, e: TorchLrnExport, graph: Graph = imported.graph): Promise<{ worst: number; layer: string; layers: number }> {
  const { weights, layerTensors, onnx } = imported;
  const layers = [...graph.nodes.filter((n) => n.op === 'conv' || n.op === 'lrn').map((n) => n.name), graph.output];
  const { x, shape } = inputOf(e);
  const expected = await runOrt(bytes, { [onnx.inputs[0]!.name]: new ort.Tensor('float32', x, shape) }, layers.map((l) => layerTensors.get(l)!));
  const executable = buildExecutable(graph, weights, { layout: 'NCHW' });
  const feed = tf.tensor4d(x, shape);
  const actual = executable.predict(feed, layers);
  let worst = { worst: 0, layer: '', layers: layers.length };
  for (const layer of layers) {
    const error = relativeError(actual[layer]!.dataSync(), expected.get(layerTensors.get(layer)!)!);
    if (!(error <= worst.worst)) worst = { ...worst, worst: error, layer };
  }
  tf.dispose([feed, ...Object.values(actual)]);
  executable.dispose();
  return worst;
}

/** The interpreter (createOnnxRunner) on the file itself: the graph output's relative error against onnxruntime. */
async function runnerError(bytes: Uint8Array, e: TorchLrnExport): Promise<number> {
  const model = readOnnx(bytes);
  const { x, shape } = inputOf(e);
  const input = model.inputs[0]!.name;
  const output = model.outputs[0]!.name;
  const expected = await runOrt(bytes, { [input]: new ort.Tensor('float32', x, shape) }, [output]);
  const runner = createOnnxRunner(model);
  const feed = tf.tensor4d(x, shape);
  const actual = runner.run({ [input]: feed });
  const error = relativeError(actual[output]!.dataSync(), expected.get(output)!);
  tf.dispose([feed, ...Object.values(actual)]);
  runner.dispose();
  return error;
}

const lrnOf = (n: GraphNode) => ({ name: n.name, input: n.inputs[0], ...n.lrn });
const f32 = Math.fround;

const missing = torchMissing();
if (missing) console.warn(`Skipping the PyTorch LocalResponseNorm import tests: ${missing}`);

describe.skipIf(missing !== undefined)(`PyTorch nn.LocalResponseNorm exports (torch.onnx's small ops) import as one LRN${missing ? ` (skipped: ${missing})` : ''}`, () => {
  let exports: TorchLrnExport[] = [];
  const results: string[] = [];
  beforeAll(async () => {
    await useBackend('wasm');
    exports = exportTorchLrn().models;
  }, 120_000);
  afterAll(() => console.info(results.join('\n')));

  const record = (e: TorchLrnExport, what: string, r: { worst: number; layer: string; layers: number }): void => {
    results.push(`${fileOf(e).padEnd(22)} ${what}: ${r.layers} layers, max relative error ${r.worst.toExponential(2)} (${r.layer})`);
  };

  it('runs every export in the interpreter within 1e-4 of onnxruntime (Pow, Equal, ConstantOfShape, If among its ops)', { timeout: 120_000 }, async () => {
    expect(exports.map(fileOf)).toHaveLength(11);
    for (const e of exports) {
      const bytes = new Uint8Array(readFileSync(e.path));
      const ops = new Set(readOnnx(bytes).nodes.map((n) => n.opType));
      expect(['Pow', 'ConstantOfShape', 'Equal', 'If', 'AveragePool'].filter((op) => !ops.has(op))).toEqual([]);
      const error = await runnerError(bytes, e);
      results.push(`${fileOf(e).padEnd(22)} interpreter: output max relative error ${error.toExponential(2)}`);
      expect({ file: fileOf(e), ok: error < 1e-4 }).toEqual({ file: fileOf(e), ok: true });
    }
  });

  it('lrn_net: each local_response_norm is one lrn node with PyTorch size, alpha, beta and k, every conv and lrn output within 1e-4', { timeout: 120_000 }, async () => {
    const nets = exports.filter((e) => e.name === 'lrn_net');
    expect(nets.map(fileOf)).toEqual(['lrn_net-op11', 'lrn_net-op13', 'lrn_net-op17', 'lrn_net-op11-dyn', 'lrn_net-op13-dyn', 'lrn_net-op17-dyn']);
    for (const e of nets) {
      const bytes = new Uint8Array(readFileSync(e.path));
      const imported = importOnnx(bytes);
      const { graph } = imported;
      expect(graph.nodes.map((n) => n.op)).toEqual(['input', 'conv', 'relu', 'lrn', 'maxpool', 'conv', 'relu', 'lrn', 'lrn', 'conv']);
      // The module scope names the layer; the functional call outside any module is named after its Div.
      expect(graph.nodes.filter((n) => n.op === 'lrn').map(lrnOf)).toEqual([
        { name: 'norm1', input: 'Relu', size: 5, alpha: 0.5, beta: 0.75, bias: 1 },
        { name: 'norm2', input: 'Relu_1', size: 3, alpha: f32(0.2), beta: f32(0.6), bias: 2 },
        { name: 'LRN', input: 'norm2', size: 7, alpha: 1.5, beta: 0.5, bias: 1.5 },
      ]);
      expect(graph.nodes.find((n) => n.name === 'norm1')!.rawName).toBe('/norm1/Div');
      const r = await graphError(bytes, imported, e);
      record(e, 'layer graph', r);
      expect({ file: fileOf(e), layer: r.layer, ok: r.worst < 1e-4 }).toEqual({ file: fileOf(e), layer: r.layer, ok: true });
    }
  });

  it("lrn_net: PyTorch's alpha is LRN's alpha (its average pool divides by size, as LRN's alpha / size does): alpha times size is far off", { timeout: 60_000 }, async () => {
    const e = exports.find((x) => fileOf(x) === 'lrn_net-op13')!;
    const bytes = new Uint8Array(readFileSync(e.path));
    const imported = importOnnx(bytes);
    const nodes = imported.graph.nodes.map((n) => (n.op === 'lrn' ? { ...n, lrn: { ...n.lrn!, alpha: n.lrn!.alpha * n.lrn!.size } } : n));
    const wrong = await graphError(bytes, imported, e, { ...imported.graph, nodes });
    record(e, 'alpha read as alpha x size', wrong);
    expect(wrong.worst).toBeGreaterThan(1e-2);
  });

  it('bvlc_alexnet: conv1 → relu → lrn → maxpool → conv2 (2 groups), findBranches splits conv2, conv4 and conv5 in two, every conv output within 1e-4', { timeout: 300_000 }, async () => {
    const nets = exports.filter((e) => e.name === 'bvlc_alexnet');
    expect(nets.map(fileOf)).toEqual(['bvlc_alexnet-op11', 'bvlc_alexnet-op13', 'bvlc_alexnet-op17', 'bvlc_alexnet-op13-dyn']);
    for (const e of nets) {
      const bytes = new Uint8Array(readFileSync(e.path));
      const imported = importOnnx(bytes);
      const { graph } = imported;
      const node = (name: string): GraphNode => graph.nodes.find((n) => n.name === name)!;
      const chain: string[] = [];
      for (let at = node('conv2'); at.op !== 'conv' || at.name === 'conv2'; at = node(at.inputs[0]!)) chain.unshift(`${at.name}:${at.op}`);
      expect(chain).toEqual(['relu1/Relu:relu', 'norm1:lrn', 'pool1/MaxPool:maxpool', 'conv2:conv']);
      expect(node('relu1/Relu').inputs).toEqual(['conv1']);
      expect(node('conv2').conv!.group).toBe(2);
      expect([node('norm1').lrn, node('norm2').lrn]).toEqual([1, 2].map(() => ({ size: 5, alpha: f32(1e-4), beta: 0.75, bias: 1 })));
      const blocks = findBranches(graph);
      expect(blocks.map((b) => [b.name, b.kind, b.branches.length])).toEqual([
        ['conv2', 'grouped', 2],
        ['conv4', 'grouped', 2],
        ['conv5', 'grouped', 2],
      ]);
      expect(blocks[0]!.branches.map((b) => b.inputUnits)).toEqual([
        { layer: 'conv1', start: 0, end: 48 },
        { layer: 'conv1', start: 48, end: 96 },
      ]);
      const r = await graphError(bytes, imported, e);
      record(e, 'layer graph', r);
      expect({ file: fileOf(e), layer: r.layer, ok: r.worst < 1e-4 }).toEqual({ file: fileOf(e), layer: r.layer, ok: true });
    }
  });

  it("lrn_even: an even size, whose PyTorch window [c - 2, c + 1] is not LRN's [c - 1, c + 2], is refused naming the window", () => {
    const e = exports.find((x) => x.name === 'lrn_even')!;
    const bytes = new Uint8Array(readFileSync(e.path));
    let error: unknown;
    try {
      importOnnx(bytes);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(OnnxImportError);
    expect((error as OnnxImportError).code).toBe('NOT_CONVERTIBLE');
    expect((error as OnnxImportError).message).toContain("Div '/norm1/Div' ends a local response normalisation (PyTorch's local_response_norm) of size 4 that sums channels [c - 2, c + 1], where an LRN of that size sums [c - 1, c + 2]");
  });
});
