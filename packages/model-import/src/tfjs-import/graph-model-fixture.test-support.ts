/** Test support: a hand-written TF.js graph model (GraphDef JSON) and its weights, written to a folder. */
import { uniformStream } from '@branchscope/runtime';
import type { AttrValue, GraphDefNode } from './graph-def';
import { writeModelJson, writeShards } from './save-to-folder.test-support';

export interface FixtureWeight {
  name: string;
  shape: number[];
  values: number[] | Float32Array;
  dtype?: 'float32' | 'int32';
}

const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');
const ints = (...i: number[]): AttrValue => ({ list: { i: i.map(String) } });
const str = (s: string): AttrValue => ({ s: b64(s) });
const FLOAT: AttrValue = { type: 'DT_FLOAT' };

export const op = (name: string, opName: string, input: string[], attr: Record<string, AttrValue> = {}): GraphDefNode => ({ name, op: opName, input, attr: { T: FLOAT, ...attr } });
export const conv2d = (name: string, input: string[], strides = 1, padding = 'SAME'): GraphDefNode =>
  op(name, 'Conv2D', input, { strides: ints(1, strides, strides, 1), padding: str(padding), data_format: str('NHWC'), dilations: ints(1, 1, 1, 1) });

function seeded(name: string, shape: number[], lo: number, hi: number): FixtureWeight {
  const u = uniformStream(`graph-model/${name}`);
  return { name, shape, values: Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => lo + (hi - lo) * u()) };
}

/**
 * x [8,8,3] -> (3x3 conv + BiasAdd + Relu | 1x1 _FusedConv2D with BiasAdd, Relu) -> ConcatV2 (8) -> depthwise 3x3
 * AddV2 the concat -> FusedBatchNormV3 -> 3x3/2 conv + BiasAdd + Relu (6) -> MaxPool 2 -> AvgPool 3 SAME -> Reshape
 * [-1, 24] -> MatMul + BiasAdd (5) -> Softmax -> Identity.
 */
export function tinyGraphModel(): { nodes: GraphDefNode[]; weights: FixtureWeight[] } {
  // Uniform kernels of variance 1 / fan_in keep activations near 1 through the graph.
  const k = (name: string, shape: number[]): FixtureWeight => {
    const r = Math.sqrt(3 / shape.slice(0, -1).reduce((a, b) => a * b, 1));
    return seeded(name, shape, -r, r);
  };
  const weights: FixtureWeight[] = [
    k('a/kernel', [3, 3, 3, 4]), seeded('a/bias', [4], -0.1, 0.1),
    k('b/kernel', [1, 1, 3, 4]), seeded('b/bias', [4], -0.1, 0.1),
    { name: 'concat/axis', shape: [], values: [-1], dtype: 'int32' },
    k('d/kernel', [3, 3, 8, 1]),
    seeded('bn/scale', [8], 0.8, 1.2), seeded('bn/offset', [8], -0.1, 0.1), seeded('bn/mean', [8], -0.1, 0.1), seeded('bn/variance', [8], 0.5, 1.5),
    k('c/kernel', [3, 3, 8, 6]), seeded('c/bias', [6], -0.1, 0.1),
    { name: 'flatten/shape', shape: [2], values: [-1, 24], dtype: 'int32' },
    k('fc/kernel', [24, 5]), seeded('fc/bias', [5], -0.1, 0.1),
  ];
  const constants = weights.map((w) => ({ name: w.name, op: 'Const', input: [], attr: { dtype: { type: w.dtype === 'int32' ? 'DT_INT32' : 'DT_FLOAT' } } }));
  const nodes: GraphDefNode[] = [
    { name: 'x', op: 'Placeholder', attr: { dtype: FLOAT, shape: { shape: { dim: [{ size: '-1' }, { size: '8' }, { size: '8' }, { size: '3' }] } } } },
    ...constants,
    conv2d('a/Conv2D', ['x', 'a/kernel']),
    op('a/BiasAdd', 'BiasAdd', ['a/Conv2D', 'a/bias'], { data_format: str('NHWC') }),
    op('a/Relu', 'Relu', ['a/BiasAdd']),
    op('b/Relu', '_FusedConv2D', ['x', 'b/kernel', 'b/bias'], {
      ...conv2d('', [], 1, 'VALID').attr,
      fused_ops: { list: { s: [b64('BiasAdd'), b64('Relu')] } },
      num_args: { i: '1' },
      epsilon: { f: 0 },
    }),
    op('concat', 'ConcatV2', ['a/Relu', 'b/Relu', 'concat/axis'], { N: { i: '2' }, Tidx: { type: 'DT_INT32' } }),
    op('d/depthwise', 'DepthwiseConv2dNative', ['concat', 'd/kernel'], { strides: ints(1, 1, 1, 1), padding: str('SAME'), data_format: str('NHWC'), dilations: ints(1, 1, 1, 1) }),
    op('res/add', 'AddV2', ['d/depthwise', 'concat']),
    op('bn/FusedBatchNormV3', 'FusedBatchNormV3', ['res/add', 'bn/scale', 'bn/offset', 'bn/mean', 'bn/variance'], { epsilon: { f: 0.001 }, data_format: str('NHWC'), U: FLOAT }),
    conv2d('c/Conv2D', ['bn/FusedBatchNormV3', 'c/kernel'], 2),
    op('c/BiasAdd', 'BiasAdd', ['c/Conv2D', 'c/bias'], { data_format: str('NHWC') }),
    op('c/Relu', 'Relu', ['c/BiasAdd']),
    op('pool', 'MaxPool', ['c/Relu'], { ksize: ints(1, 2, 2, 1), strides: ints(1, 2, 2, 1), padding: str('VALID'), data_format: str('NHWC') }),
    op('avg', 'AvgPool', ['pool'], { ksize: ints(1, 3, 3, 1), strides: ints(1, 1, 1, 1), padding: str('SAME'), data_format: str('NHWC') }),
    op('flatten', 'Reshape', ['avg', 'flatten/shape'], { Tshape: { type: 'DT_INT32' } }),
    op('fc/MatMul', 'MatMul', ['flatten', 'fc/kernel'], { transpose_a: { b: false }, transpose_b: { b: false } }),
    op('fc/BiasAdd', 'BiasAdd', ['fc/MatMul', 'fc/bias'], { data_format: str('NHWC') }),
    op('prob', 'Softmax', ['fc/BiasAdd']),
    op('Identity', 'Identity', ['prob']),
  ];
  return { nodes, weights };
}

/** Writes a graph-model folder: model.json (format 'graph-model') and the weights in `shardBytes` files. */
export async function writeGraphModel(dir: string, model: { nodes: GraphDefNode[]; weights: FixtureWeight[] }, shardBytes = 1024): Promise<void> {
  const bytes = new Uint8Array(model.weights.reduce((n, w) => n + 4 * w.values.length, 0));
  let offset = 0;
  for (const w of model.weights) {
    const typed = w.dtype === 'int32' ? Int32Array.from(w.values) : Float32Array.from(w.values);
    bytes.set(new Uint8Array(typed.buffer), offset);
    offset += typed.byteLength;
  }
  const specs = model.weights.map((w) => ({ name: w.name, shape: w.shape, dtype: w.dtype ?? 'float32' }));
  const group = await writeShards(dir, specs, bytes, shardBytes);
  await writeModelJson(dir, {
    format: 'graph-model',
    generatedBy: 'branchscope tests',
    convertedBy: null,
    modelTopology: { node: model.nodes, library: {}, versions: { producer: 1 } },
    weightsManifest: [group],
    signature: { outputs: { 'Identity:0': { name: 'Identity:0', dtype: 'DT_FLOAT' } } },
  });
}
