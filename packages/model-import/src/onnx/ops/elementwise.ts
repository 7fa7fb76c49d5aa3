import * as tf from '@tensorflow/tfjs-core';
import { attr, badAttribute, badShape } from '../attributes';
import { OnnxImportError } from '../onnx-import-error';
import type { OnnxDtype, OnnxNode, TensorInfo } from '../onnx-model';
import { runtimeDtype } from '../tensor-proto';
import { broadcastShapes, floatOnly, required, sameDtype, valuesAt, type InferContext, type OpDef, type RunContext } from './op-def';

/** Before opset 7, Add/Mul broadcast only with broadcast=1, aligning B's dims at `axis` (default: trailing). */
function legacyShape(node: OnnxNode, opset: number, a: number[] | undefined, b: number[] | undefined): number[] | undefined {
  if (opset >= 7 || attr.int(node, 'broadcast', 0) !== 1 || !a || !b) return b;
  const axis = attr.int(node, 'axis', a.length - b.length);
  if (axis < 0 || axis + b.length > a.length) badShape(node, `legacy broadcast of [${b.join(', ')}] at axis ${axis} into [${a.join(', ')}] does not fit`);
  return [...b, ...new Array<number>(a.length - axis - b.length).fill(1)];
}

function binary(f: (a: tf.Tensor, b: tf.Tensor) => tf.Tensor): OpDef {
  return {
    infer(ctx) {
      const dtype = sameDtype(ctx);
      const a = required(ctx, 0, 'A');
      const b = required(ctx, 1, 'B');
      if (ctx.opset < 7 && attr.int(ctx.node, 'broadcast', 0) !== 1 && a.shape && b.shape && a.shape.join() !== b.shape.join()) {
        badShape(ctx.node, `shapes [${a.shape.join(', ')}] and [${b.shape.join(', ')}] differ and broadcast is off (opset ${ctx.opset})`);
      }
      return [{ dtype, shape: broadcastShapes(ctx.node, [a.shape, legacyShape(ctx.node, ctx.opset, a.shape, b.shape)]) }];
    },
    run(ctx) {
      const a = required(ctx, 0, 'A');
      const b = required(ctx, 1, 'B');
      const shape = legacyShape(ctx.node, ctx.opset, a.shape, b.shape)!;
      return [f(a, shape.length === b.rank ? b : tf.reshape(b, shape))];
    },
  };
}

export const addOp = binary(tf.add);
export const subOp = binary(tf.sub);
export const mulOp = binary(tf.mul);
export const divOp = binary(tf.div);

export const sumOp: OpDef = {
  infer(ctx) {
    const dtype = sameDtype(ctx);
    if (ctx.inputs.length === 0) badShape(ctx.node, 'has no inputs');
    return [{ dtype, shape: broadcastShapes(ctx.node, ctx.inputs.map((x, i) => required(ctx, i, `data_${i}`).shape)) }];
  },
  run(ctx) {
    const xs = ctx.inputs.map((_, i) => required(ctx, i, `data_${i}`));
    const same = xs.every((x) => x.shape.join() === xs[0]!.shape.join());
    if (xs.length === 1) return [tf.clone(xs[0]!)];
    return [same ? tf.addN(xs) : xs.slice(1).reduce((acc, x) => tf.add(acc, x), xs[0]!)];
  },
};

const passThrough = (ctx: InferContext): TensorInfo[] => [{ ...required(ctx, 0, 'X') }];

export const reluOp: OpDef = {
  infer: passThrough,
  run: (ctx) => [tf.relu(required(ctx, 0, 'X'))],
};

export const identityOp: OpDef = {
  infer: passThrough,
  run: (ctx) => [required(ctx, 0, 'input')],
};

/** Clip's bounds: attributes before opset 11, optional inputs from 11 on. */
function bounds(ctx: InferContext | RunContext): [number, number] {
  if (ctx.opset < 11) return [attr.float(ctx.node, 'min', -3.4028234663852886e38), attr.float(ctx.node, 'max', 3.4028234663852886e38)];
  const scalar = (i: number, fallback: number): number => {
    if (ctx.inputs[i] === undefined) return fallback;
    const v = valuesAt(ctx, i);
    if (v === undefined) return NaN;
    if (v.length !== 1) badShape(ctx.node, `bound input ${i} must be a scalar, got ${v.length} values`);
    return v[0]!;
  };
  return [scalar(1, -Infinity), scalar(2, Infinity)];
}

export const clipOp: OpDef = {
  infer(ctx) {
    bounds(ctx);
    return passThrough(ctx);
  },
  run(ctx) {
    const x = required(ctx, 0, 'input');
    const [lo, hi] = bounds(ctx);
    // clipByValue insists on lo <= hi; ONNX then yields max everywhere (min is applied first).
    return [lo > hi ? tf.fill(x.shape, hi, x.dtype) : tf.clipByValue(x, lo, hi)];
  },
};

/** Dropout at inference: the identity, with an all-true mask when asked for one. */
export const dropoutOp: OpDef = {
  infer(ctx) {
    floatOnly(ctx);
    const x = required(ctx, 0, 'data');
    return ctx.node.outputs.length > 1 ? [{ ...x }, { dtype: 'bool', shape: x.shape }] : [{ ...x }];
  },
  run(ctx) {
    const x = required(ctx, 0, 'data');
    if (ctx.opset >= 12 && ctx.inputs[2] !== undefined) {
      const training = valuesAt(ctx, 2)?.[0] ?? 0;
      const ratio = ctx.inputs[1] !== undefined ? (valuesAt(ctx, 1)?.[0] ?? 0.5) : 0.5;
      if (training && ratio > 0) {
        throw new OnnxImportError('UNSUPPORTED_FEATURE', `${ctx.node.label} runs in training mode with ratio ${ratio}: random dropout is not supported`, { node: ctx.node.label });
      }
    }
    return ctx.node.outputs.length > 1 ? [x, tf.onesLike(x).cast('bool')] : [x];
  },
};

/** Cast's target element type as it runs (DOUBLE as float32, INT64 as int32). */
function castTarget(node: OnnxNode): OnnxDtype {
  const to = attr.int(node, 'to', 0);
  if (to === 0) badAttribute(node, "has no 'to' element type");
  return runtimeDtype(to, `${node.label}'s target type`).dtype;
}

/** Cast between the run-time element types: floats to integers truncate toward zero, non-zero is true. */
export const castOp: OpDef = {
  infer(ctx) {
    const x = required(ctx, 0, 'input');
    return [{ dtype: castTarget(ctx.node), shape: x.shape }];
  },
  run(ctx) {
    const x = required(ctx, 0, 'input');
    const to = castTarget(ctx.node);
    if (to === 'bool') return [tf.notEqual(x, tf.scalar(0, x.dtype))];
    return [x.dtype === 'float32' && to === 'int32' ? tf.cast(tf.sign(x).mul(tf.floor(tf.abs(x))), 'int32') : tf.cast(x, to)];
  },
};

/** Pow: x^y with broadcasting (legacy `broadcast` before opset 7); the result has the base's element type (integers truncate). */
export const powOp: OpDef = {
  infer(ctx) {
    const x = required(ctx, 0, 'X');
    const y = required(ctx, 1, 'Y');
    if (x.dtype === 'bool' || y.dtype === 'bool') badShape(ctx.node, 'raises booleans; Pow takes numbers');
    return [{ dtype: x.dtype, shape: broadcastShapes(ctx.node, [x.shape, legacyShape(ctx.node, ctx.opset, x.shape, y.shape)]) }];
  },
  run(ctx) {
    const x = required(ctx, 0, 'X');
    let y = required(ctx, 1, 'Y');
    const shape = legacyShape(ctx.node, ctx.opset, x.shape, y.shape)!;
    if (shape.length !== y.rank) y = tf.reshape(y, shape);
    const z = tf.pow(tf.cast(x, 'float32'), tf.cast(y, 'float32'));
    return [x.dtype === 'float32' ? z : tf.cast(tf.sign(z).mul(tf.floor(tf.abs(z))), 'int32')];
  },
};

/** Equal: element-wise equality of two tensors of one element type, broadcasting; bool. */
export const equalOp: OpDef = {
  infer(ctx) {
    const [out] = binary(tf.equal).infer(ctx);
    return [{ dtype: 'bool', shape: out!.shape }];
  },
  run: (ctx) => binary(tf.equal).run(ctx),
};

/** Where: X where the condition holds, else Y, all three broadcast together. */
export const whereOp: OpDef = {
  infer(ctx) {
    const cond = required(ctx, 0, 'condition');
    const x = required(ctx, 1, 'X');
    const y = required(ctx, 2, 'Y');
    if (cond.dtype !== 'bool') badShape(ctx.node, `condition is ${cond.dtype}, not bool`);
    if (x.dtype !== y.dtype) badShape(ctx.node, `mixes element types ${x.dtype} and ${y.dtype}`);
    return [{ dtype: x.dtype, shape: broadcastShapes(ctx.node, [cond.shape, x.shape, y.shape]) }];
  },
  run(ctx) {
    const cond = required(ctx, 0, 'condition');
    const x = required(ctx, 1, 'X');
    const y = required(ctx, 2, 'Y');
    const shape = broadcastShapes(ctx.node, [cond.shape, x.shape, y.shape])!;
    const to = (t: tf.Tensor): tf.Tensor => (t.shape.join() === shape.join() ? t : tf.broadcastTo(tf.reshape(t, [...new Array<number>(shape.length - t.rank).fill(1), ...t.shape]), shape));
    return [tf.where(to(cond), to(x), to(y))];
  },
};
