import { findBranches } from '@branchscope/core';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildExecutable } from '@branchscope/runtime';
import { fillNormal } from '@branchscope/runtime';
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
    const b = new OnnxBuilder('spatial-transpose', 13);
    b.input('x', [1, 3, 4, 5]);
    b.node('Transpose', ['x'], ['y'], { perm: a.ints([0, 1, 3, 2]) }, 'swap');
    b.output('y', [1, 3, 5, 4]);
    expect(() => importOnnx(b.encode(true))).toThrow(/Transpose 'swap' transposes \[0, 1, 3, 2\]; only a permutation of channel factors/);
  });

  it('lists every node the graph cannot represent in one NOT_CONVERTIBLE error, by operator with its count', () => {
    const b = new OnnxBuilder('many', 13);
    b.input('x', [1, 3, 4, 4]);
    b.node('Transpose', ['x'], ['t1'], { perm: a.ints([0, 1, 3, 2]) }, 't1');
    b.node('Transpose', ['x'], ['t2'], { perm: a.ints([0, 1, 3, 2]) }, 't2');
    b.node('Relu', ['x'], ['r'], {}, 'relu');
    b.node('Sub', ['x', 'r'], ['d'], {}, 'difference');
    b.node('Add', ['t1', 't2'], ['s'], {}, 'after');
    b.node('Add', ['s', 'd'], ['y'], {}, 'sum');
    b.output('y', [1, 3, 4, 4]);
    try {
      importOnnx(b.encode(true));
      expect.unreachable();
    } catch (err) {
      const e = err as OnnxImportError;
      expect(e.code).toBe('NOT_CONVERTIBLE');
      expect(e.message).toMatch(/^3 nodes have no equivalent in branchscope's layer graph: Transpose x2 \(first Transpose 't1' transposes .*\); Sub x1 \(first Sub 'difference' subtracts two activations\)/);
      expect(e.details.ops).toEqual([
        { opType: 'Transpose', nodes: ["Transpose 't1'", "Transpose 't2'"] },
        { opType: 'Sub', nodes: ["Sub 'difference'"] },
      ]);
    }
  });

  it('converts SiLU, ReLU6, an SE gate, HardSwish and constant scales and shifts, agreeing with the interpreter', () => {
    const b = new OnnxBuilder('mobile', 13);
    b.input('x', [1, 4, 6, 6]);
    b.node('Sub', ['x', b.floats('mean', [1, 4, 1, 1], normal(4, 'mean'))], ['centred'], {}, '/Sub');
    b.node('Div', ['centred', b.floats('std', [], Float32Array.of(2))], ['scaled'], {}, '/Div');
    b.node('Conv', ['scaled', b.floats('w1', [8, 4, 3, 3], normal(288, 'w1'))], ['c1'], { pads: a.ints([1, 1, 1, 1]) }, '/stem/conv/Conv');
    b.node('Sigmoid', ['c1'], ['sig'], {}, '/stem/act/Sigmoid');
    b.node('Mul', ['c1', 'sig'], ['silu'], {}, '/stem/act/Mul');
    b.node('Clip', ['silu', b.floats('lo', [], Float32Array.of(0)), b.floats('hi', [], Float32Array.of(6))], ['six'], {}, '/stem/relu6/Clip');
    b.node('GlobalAveragePool', ['six'], ['squeezed'], {}, '/se/avgpool/GlobalAveragePool');
    b.node('Conv', ['squeezed', b.floats('w2', [2, 8, 1, 1], normal(16, 'w2'))], ['fc1'], {}, '/se/fc1/Conv');
    b.node('Relu', ['fc1'], ['fc1r'], {}, '/se/relu/Relu');
    b.node('Conv', ['fc1r', b.floats('w3', [8, 2, 1, 1], normal(16, 'w3'))], ['fc2'], {}, '/se/fc2/Conv');
    b.node('HardSigmoid', ['fc2'], ['gate'], { alpha: a.float(1 / 6) }, '/se/scale/HardSigmoid');
    b.node('Mul', ['gate', 'six'], ['gated'], {}, '/se/Mul');
    b.node('HardSigmoid', ['gated'], ['hs'], { alpha: a.float(1 / 6) }, '/act/HardSigmoid');
    b.node('Mul', ['gated', 'hs'], ['y'], {}, '/act/Mul');
    b.output('y', [1, 8, 6, 6]);
    const { graph } = importOnnx(b.encode(true));
    expect(graph.nodes.map((n) => `${n.name}:${n.op}`)).toEqual([
      'x:input',
      'Sub:affine',
      'Div:affine',
      'stem/conv:conv',
      'stem/act/Mul:silu',
      'stem/relu6/Clip:clip',
      'se/avgpool/GlobalAveragePool:globalavgpool',
      'se/fc1:conv',
      'se/relu/Relu:relu',
      'se/fc2:conv',
      'se/scale/HardSigmoid:hardsigmoid',
      'se/Mul:mul',
      'act/Mul:hardswish',
    ]);
    expect(graph.nodes.find((n) => n.op === 'mul')!.inputs).toEqual(['stem/relu6/Clip', 'se/scale/HardSigmoid']);
    expect(graph.nodes.find((n) => n.op === 'conv')!.rawName).toBe('/stem/conv/Conv');
    expect(findBranches(graph).map((bl) => [bl.kind, bl.name, bl.branches[0]!.units.layer])).toEqual([['gate', 'se', 'se/fc1']]);
    expect(maxDiff(bothWays(b.encode(true), [1, 4, 6, 6]))).toBeLessThan(1e-5);
  });

  it('folds a Pad into the AveragePool after it, and the shape arithmetic of a dynamic-batch flatten', () => {
    const b = new OnnxBuilder('folded', 13);
    b.input('x', ['batch', 3, 5, 5]);
    b.node('Pad', ['x', b.int64s('pads', [0, 0, 1, 1, 0, 0, 1, 1])], ['padded'], {}, 'pad');
    b.node('AveragePool', ['padded'], ['pooled'], { kernel_shape: a.ints([3, 3]) }, 'pool');
    b.node('Shape', ['pooled'], ['shape'], {}, 'shape');
    b.node('Gather', ['shape', b.int64s('zero', [0])], ['n'], { axis: a.int(0) }, 'batch');
    b.node('Concat', ['n', b.int64s('rest', [-1])], ['target'], { axis: a.int(0) }, 'target');
    b.node('Reshape', ['pooled', 'target'], ['flat'], {}, 'view');
    b.node('Gemm', ['flat', b.floats('w', [2, 75], normal(150, 'w'))], ['y'], { transB: a.int(1) }, 'fc');
    b.output('y', ['batch', 2]);
    const { graph } = importOnnx(b.encode(true));
    expect(graph.nodes.map((n) => `${n.name}:${n.op}`)).toEqual(['x:input', 'pool:avgpool', 'view:flatten', 'fc:dense']);
    expect(graph.nodes[1]!.pool).toMatchObject({ pads: [1, 1, 1, 1], countIncludePad: true });
    expect(maxDiff(bothWays(b.encode(true), [1, 3, 5, 5]))).toBeLessThan(1e-5);
    expect(maxDiff(bothWays(b.encode(true), [2, 3, 5, 5]))).toBeLessThan(1e-5);
  });

  it('turns channel Gather, Slice, Split and a Reshape-Transpose-Reshape shuffle into channel selects', () => {
    const b = new OnnxBuilder('channels', 13);
    b.input('x', [1, 3, 4, 4]);
    // GoogLeNet's transform_input: one channel at a time, rescaled, joined again.
    const channel = (i: number): string => {
      b.node('Gather', ['x', b.int64s(`i${i}`, [i])], [`g${i}`], { axis: a.int(1) }, `gather${i}`);
      b.initializers.find((t) => t.name === `i${i}`)!.dims = []; // a scalar index drops the channel axis
      b.node('Unsqueeze', [`g${i}`, b.int64s(`axes${i}`, [1])], [`u${i}`], {}, `unsqueeze${i}`);
      return b.node('Mul', [`u${i}`, b.floats(`s${i}`, [], Float32Array.of(i + 1))], [`m${i}`], {}, `scale${i}`);
    };
    b.node('Concat', [channel(2), channel(0), channel(1)], ['rgb'], { axis: a.int(1) }, 'bgr');
    b.node('Conv', ['rgb', b.floats('w', [6, 3, 1, 1], normal(18, 'w'))], ['c'], {}, 'conv');
    b.node('Split', ['c', b.int64s('halves', [3, 3])], ['left', 'right'], { axis: a.int(1) }, 'split');
    b.node('Conv', ['right', b.floats('w2', [3, 3, 1, 1], normal(9, 'w2'))], ['r2'], {}, 'branch');
    b.node('Concat', ['left', 'r2'], ['joined'], { axis: a.int(1) }, 'join');
    b.node('Reshape', ['joined', b.int64s('split5', [1, 2, 3, 4, 4])], ['five'], {}, 'groups');
    b.node('Transpose', ['five'], ['swapped'], { perm: a.ints([0, 2, 1, 3, 4]) }, 'swap');
    b.node('Reshape', ['swapped', b.int64s('back', [1, 6, 4, 4])], ['shuffled'], {}, 'shuffle');
    b.node('Slice', ['shuffled', b.int64s('starts', [1]), b.int64s('ends', [5]), b.int64s('axes', [1]), b.int64s('steps', [2])], ['picked'], {}, 'slice');
    b.node('ReduceMean', ['picked'], ['y'], { axes: a.ints([2, 3]), keepdims: a.int(0) }, 'mean');
    b.output('y', [1, 2]);
    const { graph } = importOnnx(b.encode(true));
    const selects = Object.fromEntries(graph.nodes.filter((n) => n.op === 'select').map((n) => [n.name, n.select]));
    expect(selects).toEqual({ gather2: [2], gather0: [0], gather1: [1], split: [0, 1, 2], 'split/out1': [3, 4, 5], shuffle: [0, 3, 1, 4, 2, 5], slice: [1, 3] });
    expect(graph.nodes[graph.nodes.length - 1]!.op).toBe('globalavgpool');
    expect(maxDiff(bothWays(b.encode(true), [1, 3, 4, 4]))).toBeLessThan(1e-5);
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
