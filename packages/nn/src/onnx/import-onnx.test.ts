import { findBranches } from '@branchscope/core';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildExecutable } from '../executor/build-executable';
import { fillNormal } from '../weights/prng';
import { importOnnx } from './import-onnx';
import { OnnxImportError } from './onnx-import-error';
import { createOnnxRunner } from './onnx-runner';
import { ModelProtoType } from './onnx-proto';
import { readOnnx } from './read-onnx';
import { a, OnnxBuilder } from './testing/onnx-builder.test-support';
import { smallBranchedModel } from './testing/small-models.test-support';
import { useBackend } from './testing/use-backend.test-support';

const normal = (n: number, key: string): Float32Array => fillNormal(new Float32Array(n), key, 0.3);

/** Runs the imported graph with the executor and the ONNX model with the interpreter on one seeded input. */
function bothWays(bytes: Uint8Array, shape: number[], options = {}): [Float32Array, Float32Array] {
  const imported = importOnnx(bytes, options);
  const x = tf.tensor(normal(shape.reduce((p, d) => p * d, 1), 'input'), shape);
  const runner = createOnnxRunner(imported.onnx);
  const executable = buildExecutable(imported.graph, imported.weights, { layout: 'NCHW' });
  const viaRunner = Object.values(runner.run({ [imported.onnx.inputs[0]!.name]: x }))[0]!;
  const viaGraph = executable.predict(x as tf.Tensor4D)[imported.graph.output]!;
  const result: [Float32Array, Float32Array] = [viaGraph.dataSync() as Float32Array, viaRunner.dataSync() as Float32Array];
  tf.dispose([x, viaRunner, viaGraph]);
  runner.dispose();
  executable.dispose();
  return result;
}

const maxDiff = ([p, q]: [Float32Array, Float32Array]): number => p.reduce((m, v, i) => Math.max(m, Math.abs(v - q[i]!)), p.length === q.length ? 0 : Infinity);

/** Conv preceded by a zero Pad, a Clip(0, inf), an Identity and a MatMul + Softmax head. */
function foldingModel(): OnnxBuilder {
  const b = new OnnxBuilder('folding', 13);
  b.input('img', ['batch', 3, 6, 6]);
  b.node('Pad', ['img', b.int64s('pads', [0, 0, 1, 2, 0, 0, 0, 1])], ['padded'], {}, 'pad');
  b.node('Conv', ['padded', b.floats('w', [5, 3, 3, 3], normal(135, 'w'))], ['c'], {}, 'conv');
  b.node('Clip', ['c', b.floats('zero', [], Float32Array.of(0))], ['r'], {}, 'clip');
  b.node('Identity', ['r'], ['same'], {}, 'id');
  b.node('Flatten', ['same'], ['flat'], {}, 'flatten');
  b.node('MatMul', ['flat', b.floats('m', [5 * 5 * 7, 3], normal(525, 'm'))], ['logits'], {}, 'dense');
  b.node('Softmax', ['logits'], ['prob'], {}, 'prob');
  b.output('prob', ['batch', 3]);
  return b;
}

describe('importOnnx', () => {
  beforeAll(() => useBackend('cpu'));

  it('maps a branched model onto a graph whose executor agrees with the interpreter within 1e-5', () => {
    expect(maxDiff(bothWays(smallBranchedModel().encode(true), [1, 4, 9, 9]))).toBeLessThan(1e-5);
  });

  it('finds the concat and residual blocks of the branched model', () => {
    const { graph } = importOnnx(smallBranchedModel().encode(true));
    const blocks = findBranches(graph).map((b) => [b.kind, b.name, b.branches.map((r) => `${r.units.layer}[${r.units.start},${r.units.end})`)]);
    expect(blocks).toEqual([
      ['grouped', 'conv1', ['conv1[0,4)', 'conv1[4,8)']],
      ['concat', 'mix', ['mix/output[0,4)', 'mix/output[4,8)']],
      ['residual', 'res', ['res/conv[0,8)']],
    ]);
  });

  it('folds a zero Pad into the following Conv, Clip(0, inf) into a ReLU and Identity away', () => {
    const { graph } = importOnnx(foldingModel().encode(true));
    expect(graph.nodes.map((n) => `${n.name}:${n.op}`)).toEqual(['img:input', 'conv:conv', 'clip:relu', 'flatten:flatten', 'dense:dense', 'prob:softmax']);
    expect(graph.nodes[1]!.conv!.pads).toEqual([1, 2, 0, 1]);
    expect(maxDiff(bothWays(foldingModel().encode(true), [1, 3, 6, 6]))).toBeLessThan(1e-5);
  });

  it('folds the constant Adds of TensorFlow-style exports into the bias of the Conv or MatMul before them', () => {
    const b = new OnnxBuilder('tf-style', 13);
    b.input('x', [1, 3, 5, 5]);
    b.node('Conv', ['x', b.floats('k', [4, 3, 3, 3], normal(108, 'k'))], ['c'], {}, 'conv');
    b.node('Add', ['c', b.floats('cb', [1, 4, 1, 1], normal(4, 'cb'))], ['cbias'], {}, 'conv/bias');
    b.node('Relu', ['cbias'], ['r'], {}, 'relu');
    b.node('Reshape', ['r', b.int64s('shape', [-1, 36])], ['flat'], {}, 'flatten');
    b.node('MatMul', ['flat', b.floats('m', [36, 2], normal(72, 'm'))], ['mm'], {}, 'dense');
    b.node('Add', [b.floats('db', [2], normal(2, 'db')), 'mm'], ['logits'], {}, 'dense/bias');
    b.output('logits', [1, 2]);
    const { graph, weights } = importOnnx(b.encode(true));
    expect(graph.nodes.map((n) => `${n.name}:${n.op}`)).toEqual(['x:input', 'conv:conv', 'relu:relu', 'flatten:flatten', 'dense:dense']);
    expect(Array.from(weights.denseBias('dense'))).toEqual(Array.from(normal(2, 'db')));
    expect(maxDiff(bothWays(b.encode(true), [1, 3, 5, 5]))).toBeLessThan(1e-5);
  });

  it('reads per-channel BatchNormalization parameters marked spatial = 0, as some exporters write them', () => {
    const b = new OnnxBuilder('spatial0', 7);
    b.input('x', [1, 2, 3, 3]);
    const params = ['s', 'b', 'm', 'v'].map((p) => b.floats(p, [2], normal(2, p).map((v) => (p === 'v' ? 1 + Math.abs(v) : v))));
    b.node('BatchNormalization', ['x', ...params], ['y'], { spatial: a.int(0) }, 'bn');
    b.output('y', [1, 2, 3, 3]);
    expect(maxDiff(bothWays(b.encode(true), [1, 2, 3, 3]))).toBeLessThan(1e-5);
  });

  it('stores dense weights as [out, in] whatever the ONNX layout', () => {
    const { weights } = importOnnx(foldingModel().encode(true));
    const dense = weights.dense('dense');
    expect(dense.shape).toEqual([3, 175]);
    expect(dense.data[1 * 175 + 7]).toBeCloseTo(normal(525, 'm')[7 * 3 + 1]!, 6);
  });

  it("names layers of unnamed Caffe2-style nodes after their outputs without Caffe2's _1 suffix", () => {
    const b = new OnnxBuilder('caffe2', 9);
    b.input('data_0', [1, 3, 8, 8]);
    b.node('Conv', ['data_0', b.floats('conv1_w_0', [4, 3, 3, 3], normal(108, 'c'))], ['conv1_1']);
    b.node('Relu', ['conv1_1'], ['conv1_2']);
    b.output('conv1_2', [1, 4, 6, 6]);
    const { graph, layerTensors } = importOnnx(b.encode(true));
    expect(graph.nodes.map((n) => n.name)).toEqual(['data_0', 'conv1', 'conv1_2']);
    expect(layerTensors.get('conv1')).toBe('conv1_1');
  });

  it('refuses a model the graph cannot represent with NOT_CONVERTIBLE naming the node', () => {
    const b = new OnnxBuilder('scaled', 13);
    b.input('x', [1, 3, 4, 4]);
    b.node('Mul', ['x', b.floats('s', [1], Float32Array.of(2))], ['y'], {}, 'scale');
    b.output('y', [1, 3, 4, 4]);
    expect(() => importOnnx(b.encode(true))).toThrow(/Mul 'scale' has no graph equivalent/);
  });

  it('reads untyped outputs and dims that set neither value nor name as unknown', () => {
    const b = new OnnxBuilder('loose', 13);
    b.input('x', [1, 2, 3, 3]);
    b.node('Relu', ['x'], ['y'], {}, 'relu');
    const message = b.message() as { graph: { input: Array<{ type: { tensor_type: { shape: { dim: object[] } } } }>; output: object[] } };
    message.graph.input[0]!.type.tensor_type.shape.dim[0] = {};
    message.graph.output = [{ name: 'y' }];
    const model = readOnnx(ModelProtoType.encode(ModelProtoType.fromObject(message)).finish());
    expect(model.inputs[0]!.dims).toEqual([undefined, 2, 3, 3]);
    expect(model.info.get('y')).toEqual({ dtype: 'float32', shape: [1, 2, 3, 3] });
  });

  it('needs static spatial dims, taking them from inputShapes when the file leaves them symbolic', () => {
    const b = new OnnxBuilder('symbolic', 13);
    b.input('x', ['n', 3, 'h', 'w']);
    b.node('Relu', ['x'], ['y'], {}, 'relu');
    b.output('y', ['n', 3, 'h', 'w']);
    const bytes = b.encode(true);
    expect(() => importOnnx(bytes)).toThrow(OnnxImportError);
    expect(importOnnx(bytes, { inputShapes: { x: [1, 3, 32, 24] } }).graph.inputShape).toEqual([3, 32, 24]);
  });
});
