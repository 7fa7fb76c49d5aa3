import { attrFloat, attrInts, attrString, attrStrings, dataInputs, type GraphDefNode, type InputRef } from './graph-def';
import type { ImportBuilder } from './import-builder';
import type { RawWeight } from './read-tfjs-folder';
import type { Site, TfValue } from './tf-value';
import type { TfPadding } from './window-padding';

/** What converting one op needs from the graph around it. */
export interface GraphOpContext {
  b: ImportBuilder;
  isConstant(ref: InputRef): boolean;
  /** A constant input (a weight); throws `missing-weight` naming the op when there is none. */
  constant(ref: InputRef, at: Site): RawWeight;
  /** A tensor input; throws when it is a constant or not computed. */
  value(ref: InputRef, at: Site): TfValue;
  /** How many data inputs of other ops read `node`. */
  consumers(node: string): number;
}

/** NHWC [1, a, b, 1] attribute to [a, b]. */
const spatial = (values: number[], fallback: number): [number, number] => (values.length === 4 ? [values[1]!, values[2]!] : [fallback, fallback]);

function tfPadding(node: GraphDefNode): TfPadding {
  const padding = attrString(node, 'padding');
  if (padding === 'EXPLICIT') {
    const p = attrInts(node, 'explicit_paddings');
    return [p[2] ?? 0, p[4] ?? 0, p[3] ?? 0, p[5] ?? 0];
  }
  return padding === 'SAME' ? 'same' : 'valid';
}

/** A bias constant as a vector: TF may store it as [C] or broadcastable as [1, 1, 1, C]. */
const vector = (w: RawWeight): RawWeight => (w.shape.slice(0, -1).every((d) => d === 1) ? { shape: w.shape.slice(-1), data: w.data } : w);

function relu(ctx: GraphOpContext, node: GraphDefNode, y: TfValue): TfValue {
  if (!attrStrings(node, 'fused_ops').includes('Relu')) return y;
  return ctx.b.unary({ name: `${node.name}_relu`, label: `op '${node.name}' (${node.op}) fused Relu` }, 'relu', y);
}

/** BiasAdd / Add with a constant: the conv or dense before it takes the bias; else a sum of two tensors. */
function add(ctx: GraphOpContext, node: GraphDefNode, at: Site, ins: InputRef[]): TfValue {
  const constants = ins.filter((r) => ctx.isConstant(r));
  if (constants.length === 0) return ctx.b.sum(at, ins.map((r) => ctx.value(r, at)));
  const tensor = ins.find((r) => !ctx.isConstant(r));
  if (constants.length !== 1 || !tensor) return ctx.b.fail('unsupported', at, 'adds constants together');
  if (ctx.consumers(tensor.node) !== 1) ctx.b.fail('unsupported', at, `adds a constant to '${tensor.node}', which other ops also read; only a bias of a conv or dense layer can be folded`);
  const x = ctx.value(tensor, at);
  ctx.b.setBias(at, x, vector(ctx.constant(constants[0]!, at)));
  return x;
}

/** Converts one (supported) op of a graph model; Placeholder, Const and Identity are handled by the caller. */
export function convertGraphOp(ctx: GraphOpContext, node: GraphDefNode): TfValue {
  const { b } = ctx;
  const at: Site = { name: node.name, label: `op '${node.name}' (${node.op})` };
  const ins = dataInputs(node);
  const x = (): TfValue => ctx.value(ins[0]!, at);
  switch (node.op) {
    case 'Conv2D':
    case 'DepthwiseConv2dNative':
    case '_FusedConv2D':
    case '_FusedDepthwiseConv2dNative': {
      const fusedBias = attrStrings(node, 'fused_ops').includes('BiasAdd');
      const spec = {
        kernel: ctx.constant(ins[1]!, at),
        bias: fusedBias ? vector(ctx.constant(ins[2]!, at)) : undefined,
        depthwise: node.op.includes('Depthwise'),
        strides: spatial(attrInts(node, 'strides'), 1),
        dilations: spatial(attrInts(node, 'dilations'), 1),
        padding: tfPadding(node),
      };
      return relu(ctx, node, b.conv(at, x(), spec));
    }
    case 'MatMul':
    case '_FusedMatMul': {
      const w = ctx.constant(ins[1]!, at);
      const kernel = node.attr?.transpose_b?.b ? transpose2d(w) : w;
      const bias = attrStrings(node, 'fused_ops').includes('BiasAdd') ? vector(ctx.constant(ins[2]!, at)) : undefined;
      return relu(ctx, node, b.dense(at, x(), kernel, bias));
    }
    case 'BiasAdd':
    case 'Add':
    case 'AddV2':
      return add(ctx, node, at, ins);
    case 'Relu':
      return b.unary(at, 'relu', x());
    case 'Softmax':
      return b.unary(at, 'softmax', x());
    case 'MaxPool':
    case 'AvgPool': {
      const spec = { kernel: spatial(attrInts(node, 'ksize'), 1), strides: spatial(attrInts(node, 'strides'), 1), padding: tfPadding(node) };
      return b.pool(at, node.op === 'MaxPool' ? 'maxpool' : 'avgpool', x(), spec);
    }
    case 'ConcatV2': {
      const xs = ins.slice(0, -1).map((r) => ctx.value(r, at));
      const axis = ctx.constant(ins[ins.length - 1]!, at).data[0];
      if (axis !== -1 && axis !== xs[0]!.shape.length) b.fail('unsupported', at, `concatenates on axis ${axis}; only the last (channel) axis is supported`);
      return b.concat(at, xs);
    }
    case 'FusedBatchNorm':
    case 'FusedBatchNormV2':
    case 'FusedBatchNormV3': {
      const [scale, bias, mean, variance] = ins.slice(1, 5).map((r) => ctx.constant(r, at).data) as Float32Array[];
      return b.batchnorm(at, x(), { scale: scale!, bias: bias!, mean: mean!, variance: variance!, epsilon: attrFloat(node, 'epsilon', 1e-4) });
    }
    case 'Reshape':
      return reshape(ctx, at, x(), ctx.constant(ins[1]!, at));
    case 'Mean': {
      const v = x();
      const axes = [...ctx.constant(ins[1]!, at).data].map((a) => (a < 0 ? a + v.shape.length + 1 : a)).sort();
      if (v.shape.length !== 3 || axes.join() !== '1,2' || node.attr?.keep_dims?.b) {
        b.fail('unsupported', at, `averages over axes [${axes.join(',')}]; only a global average pool (axes 1 and 2, without keep_dims) is supported`);
      }
      return b.globalAvgPool(at, v);
    }
    default:
      return b.fail('unsupported', at, 'has no equivalent in the graph model');
  }
}

function transpose2d(w: RawWeight): RawWeight {
  const [rows, cols] = w.shape as [number, number];
  const data = new Float32Array(w.data.length);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) data[c * rows + r] = w.data[r * cols + c]!;
  return { shape: [cols, rows], data };
}

/** Reshape is supported where it flattens a map to [batch, features], or keeps features as they are. */
function reshape(ctx: GraphOpContext, at: Site, x: TfValue, target: RawWeight): TfValue {
  const size = x.shape.reduce((a, d) => a * d, 1);
  const dims = [...target.data];
  const flat = dims.length === 2 && (dims[0] === -1 || dims[0] === 1) && (dims[1] === size || dims[1] === -1);
  if (!flat) ctx.b.fail('unsupported', at, `reshapes [batch,${x.shape.join(',')}] to [${dims.join(',')}]; only flattening to [batch, ${size}] is supported`);
  return ctx.b.flatten(at, x);
}
