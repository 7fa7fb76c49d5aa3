import * as tf from '@tensorflow/tfjs-core';
import { attr, badAttribute, badShape } from '../attributes';
import { OnnxImportError } from '../onnx-import-error';
import type { OnnxNode, OnnxTensor } from '../onnx-model';
import { broadcastShapes, normAxis, product, required, valuesAt, type OpDef } from './op-def';

function flattenShape(node: OnnxNode, shape: number[]): number[] {
  const axis = attr.int(node, 'axis', 1);
  // Flatten's axis may also equal the rank (everything in the first factor).
  const a = axis === shape.length ? axis : normAxis(node, axis, shape.length);
  return [product(shape.slice(0, a)), product(shape.slice(a))];
}

export const flattenOp: OpDef = {
  infer(ctx) {
    const x = required(ctx, 0, 'input');
    return [{ dtype: x.dtype, shape: x.shape && flattenShape(ctx.node, x.shape) }];
  },
  run: (ctx) => {
    const x = required(ctx, 0, 'input');
    return [tf.reshape(x, flattenShape(ctx.node, x.shape))];
  },
};

/** Reshape's target: 0 copies the input's dim (unless allowzero), one -1 takes what is left. */
export function reshapeTarget(node: OnnxNode, input: number[], requested: number[]): number[] {
  const allowZero = attr.int(node, 'allowzero', 0) === 1;
  const out = requested.map((d, i) => {
    if (d === 0 && !allowZero) {
      if (i >= input.length) badShape(node, `shape [${requested.join(', ')}] copies dim ${i}, but the input [${input.join(', ')}] has rank ${input.length}`);
      return input[i]!;
    }
    if (!Number.isInteger(d) || d < -1) badShape(node, `shape [${requested.join(', ')}] holds ${d}`);
    return d;
  });
  const free = out.filter((d) => d === -1).length;
  if (free > 1) badShape(node, `shape [${requested.join(', ')}] has more than one -1`);
  const known = product(out.filter((d) => d !== -1));
  const total = product(input);
  if (free === 1) {
    if (known === 0 || total % known !== 0) badShape(node, `cannot reshape [${input.join(', ')}] (${total} values) to [${requested.join(', ')}]`);
    return out.map((d) => (d === -1 ? total / known : d));
  }
  if (known !== total) badShape(node, `cannot reshape [${input.join(', ')}] (${total} values) to [${requested.join(', ')}] (${known})`);
  return out;
}

function requestedShape(ctx: Parameters<OpDef['infer']>[0] | Parameters<OpDef['run']>[0]): number[] | undefined {
  if (ctx.opset < 5) return attr.ints(ctx.node, 'shape') ?? badAttribute(ctx.node, "has no 'shape' attribute");
  return valuesAt(ctx, 1);
}

export const reshapeOp: OpDef = {
  infer(ctx) {
    const x = required(ctx, 0, 'data');
    const requested = requestedShape(ctx);
    return [{ dtype: x.dtype, shape: x.shape && requested ? reshapeTarget(ctx.node, x.shape, requested) : undefined }];
  },
  run(ctx) {
    const x = required(ctx, 0, 'data');
    return [tf.reshape(x, reshapeTarget(ctx.node, x.shape, requestedShape(ctx)!))];
  },
};

export const concatOp: OpDef = {
  infer(ctx) {
    const { node } = ctx;
    const xs = ctx.inputs.map((_, i) => required(ctx, i, `inputs_${i}`));
    if (xs.length === 0) badShape(node, 'has no inputs');
    if (xs.some((x) => x.dtype !== xs[0]!.dtype)) badShape(node, `mixes element types ${xs.map((x) => x.dtype).join(', ')}`);
    if (xs.some((x) => !x.shape)) return [{ dtype: xs[0]!.dtype }];
    const shapes = xs.map((x) => x.shape!);
    const rank = shapes[0]!.length;
    const axis = normAxis(node, attr.int(node, 'axis', ctx.opset < 4 ? 1 : NaN), rank);
    const out = [...shapes[0]!];
    out[axis] = 0;
    for (const s of shapes) {
      if (s.length !== rank || s.some((d, i) => i !== axis && d !== out[i])) {
        badShape(node, `input shapes ${shapes.map((x) => `[${x.join(', ')}]`).join(', ')} differ off axis ${axis}`);
      }
      out[axis] += s[axis]!;
    }
    return [{ dtype: xs[0]!.dtype, shape: out }];
  },
  run(ctx) {
    const xs = ctx.inputs.map((_, i) => required(ctx, i, `inputs_${i}`));
    const axis = normAxis(ctx.node, attr.int(ctx.node, 'axis', ctx.opset < 4 ? 1 : NaN), xs[0]!.rank);
    return [xs.length === 1 ? tf.clone(xs[0]!) : tf.concat(xs, axis)];
  },
};

/** The tensor a Constant node holds, from `value` or (opset 12+) one of the value_* attributes. */
export function constantValue(node: OnnxNode): OnnxTensor {
  const name = node.outputs[0] ?? '';
  const a = node.attributes;
  const t = a.get('value');
  if (t?.kind === 'tensor') return { ...t.value, name };
  const f = a.get('value_float');
  if (f?.kind === 'float') return { name, dtype: 'float32', sourceType: 'FLOAT', dims: [], data: Float32Array.of(f.value) };
  const fs = a.get('value_floats');
  if (fs?.kind === 'floats') return { name, dtype: 'float32', sourceType: 'FLOAT', dims: [fs.value.length], data: Float32Array.from(fs.value) };
  const i = a.get('value_int');
  if (i?.kind === 'int') return { name, dtype: 'int32', sourceType: 'INT64', dims: [], data: Int32Array.of(i.value) };
  const is = a.get('value_ints');
  if (is?.kind === 'ints') return { name, dtype: 'int32', sourceType: 'INT64', dims: [is.value.length], data: Int32Array.from(is.value) };
  const other = [...a.keys()].join(', ') || 'no attribute';
  throw new OnnxImportError('UNSUPPORTED_FEATURE', `${node.label}: holds ${other}; only dense numeric values are supported`, { node: node.label });
}

export const constantOp: OpDef = {
  infer(ctx) {
    const c = constantValue(ctx.node);
    return [{ dtype: c.dtype, shape: c.dims }];
  },
  run(ctx) {
    const c = constantValue(ctx.node);
    return [tf.tensor(c.data, c.dims, c.dtype)];
  },
};

/** ConstantOfShape's fill value: the one-value `value` tensor attribute, float 0 when absent. */
export function fillValue(node: OnnxNode): OnnxTensor {
  const a = node.attributes.get('value');
  if (a === undefined) return { name: '', dtype: 'float32', sourceType: 'FLOAT', dims: [1], data: Float32Array.of(0) };
  if (a.kind !== 'tensor') badAttribute(node, `'value' is ${a.kind === 'other' ? a.type : a.kind}, not a tensor`);
  if (a.value.data.length !== 1) badAttribute(node, `'value' holds ${a.value.data.length} values, not one`);
  return a.value;
}

function filledShape(ctx: Parameters<OpDef['infer']>[0] | Parameters<OpDef['run']>[0]): number[] | undefined {
  const shape = valuesAt(ctx, 0);
  if (shape?.some((d) => !Number.isInteger(d) || d < 0)) badShape(ctx.node, `shape [${shape.join(', ')}] holds a negative dim`);
  return shape;
}

/** ConstantOfShape: a tensor of the given (1-D input) shape filled with one value. */
export const constantOfShapeOp: OpDef = {
  infer(ctx) {
    const input = required(ctx, 0, 'input');
    if (input.dtype !== 'int32') badShape(ctx.node, `shape input is ${input.dtype}, not integers`);
    if (input.shape && input.shape.length !== 1) badShape(ctx.node, `shape input has rank ${input.shape.length}, not 1`);
    return [{ dtype: fillValue(ctx.node).dtype, shape: filledShape(ctx) }];
  },
  run(ctx) {
    const v = fillValue(ctx.node);
    const shape = filledShape(ctx)!;
    const value = v.data[0]!;
    return [v.dtype === 'bool' ? tf.cast(tf.fill(shape, value, 'int32'), 'bool') : tf.fill(shape, value, v.dtype)];
  },
};

/** Expand's output shape: the input and the requested shape broadcast together (a requested 1 keeps the input's dim). */
function expandedShape(ctx: Parameters<OpDef['infer']>[0] | Parameters<OpDef['run']>[0], input: number[] | undefined): number[] | undefined {
  const shape = valuesAt(ctx, 1);
  return input && shape ? broadcastShapes(ctx.node, [input, shape]) : undefined;
}

/** Expand: broadcasts the input to a shape (opset 8). */
export const expandOp: OpDef = {
  infer(ctx) {
    const x = required(ctx, 0, 'input');
    if (required(ctx, 1, 'shape').dtype !== 'int32') badShape(ctx.node, 'shape input is not integers');
    return [{ dtype: x.dtype, shape: expandedShape(ctx, x.shape) }];
  },
  run(ctx) {
    const x = required(ctx, 0, 'input');
    const shape = expandedShape(ctx, x.shape)!;
    if (shape.join() === x.shape.join()) return [tf.clone(x)];
    return [tf.broadcastTo(tf.reshape(x, [...new Array<number>(shape.length - x.rank).fill(1), ...x.shape]), shape)];
  },
};
