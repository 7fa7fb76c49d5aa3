import * as tf from '@tensorflow/tfjs-core';
import { attr, badShape } from '../attributes';
import type { OnnxNode } from '../onnx-model';
import { normAxis, required, valuesAt, type InferContext, type OpDef, type RunContext } from './op-def';

type Ctx = InferContext | RunContext;

/** Shape's slice of the dims: `start` and `end` (opset 15) clamp to the rank, negatives count from the end. */
export function shapeSlice(node: OnnxNode, dims: number[]): number[] {
  const r = dims.length;
  const clamp = (v: number): number => Math.min(r, Math.max(0, v < 0 ? v + r : v));
  return dims.slice(clamp(attr.int(node, 'start', 0)), clamp(attr.int(node, 'end', r)));
}

export const shapeOp: OpDef = {
  infer(ctx) {
    const x = required(ctx, 0, 'data');
    return [{ dtype: 'int32', shape: x.shape ? [shapeSlice(ctx.node, x.shape).length] : undefined }];
  },
  run: (ctx) => {
    const dims = shapeSlice(ctx.node, required(ctx, 0, 'data').shape);
    return [tf.tensor1d(dims, 'int32')];
  },
};

/** Unsqueeze and Squeeze take their axes from an attribute before opset 13 and from input 1 from then on. */
function axesOf(ctx: Ctx): number[] | undefined {
  return ctx.opset < 13 ? attr.ints(ctx.node, 'axes') : ctx.inputs[1] === undefined ? undefined : valuesAt(ctx, 1);
}

function unsqueezed(ctx: Ctx, shape: number[]): number[] {
  const axes = axesOf(ctx) ?? badShape(ctx.node, 'has no axes');
  const rank = shape.length + axes.length;
  const at = axes.map((a) => normAxis(ctx.node, a, rank));
  if (new Set(at).size !== at.length) badShape(ctx.node, `repeats an axis in [${axes.join(', ')}]`);
  const rest = [...shape];
  return Array.from({ length: rank }, (_, i) => (at.includes(i) ? 1 : rest.shift()!));
}

function squeezed(ctx: Ctx, shape: number[]): number[] {
  const axes = axesOf(ctx);
  const at = axes ? axes.map((a) => normAxis(ctx.node, a, shape.length)) : shape.flatMap((d, i) => (d === 1 ? [i] : []));
  const bad = at.find((a) => shape[a] !== 1);
  if (bad !== undefined) badShape(ctx.node, `cannot squeeze axis ${bad} of [${shape.join(', ')}], which is not 1`);
  return shape.filter((_, i) => !at.includes(i));
}

function reshaping(name: string, target: (ctx: Ctx, shape: number[]) => number[]): OpDef {
  return {
    infer(ctx) {
      const x = required(ctx, 0, name);
      const known = ctx.opset < 13 || ctx.inputs[1] === undefined || valuesAt(ctx, 1) !== undefined;
      return [{ dtype: x.dtype, shape: x.shape && known ? target(ctx, x.shape) : undefined }];
    },
    run(ctx) {
      const x = required(ctx, 0, name);
      return [tf.reshape(x, target(ctx, x.shape))];
    },
  };
}

export const unsqueezeOp = reshaping('data', unsqueezed);
export const squeezeOp = reshaping('data', squeezed);

function permutation(node: OnnxNode, rank: number): number[] {
  const perm = attr.ints(node, 'perm') ?? Array.from({ length: rank }, (_, i) => rank - 1 - i);
  if (perm.length !== rank || [...perm].sort((a, b) => a - b).some((p, i) => p !== i)) badShape(node, `perm [${perm.join(', ')}] is not a permutation of ${rank} axes`);
  return perm;
}

export const transposeOp: OpDef = {
  infer(ctx) {
    const x = required(ctx, 0, 'data');
    return [{ dtype: x.dtype, shape: x.shape && permutation(ctx.node, x.shape.length).map((p) => x.shape![p]!) }];
  },
  run(ctx) {
    const x = required(ctx, 0, 'data');
    return [tf.transpose(x, permutation(ctx.node, x.rank))];
  },
};
