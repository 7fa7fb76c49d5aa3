import * as tf from '@tensorflow/tfjs-core';
import { attr, badShape } from '../attributes';
import type { OnnxNode } from '../onnx-model';
import { normAxis, required, valuesAt, type InferContext, type OpDef, type RunContext } from './op-def';

type Ctx = InferContext | RunContext;

/** Gather's indices made non-negative, checked against the gathered axis's length. */
export function gatherIndices(node: OnnxNode, indices: number[], length: number): number[] {
  return indices.map((i) => {
    if (!Number.isInteger(i) || i < -length || i >= length) badShape(node, `index ${i} is out of range for an axis of length ${length}`);
    return i < 0 ? i + length : i;
  });
}

export const gatherOp: OpDef = {
  infer(ctx) {
    const x = required(ctx, 0, 'data');
    const indices = required(ctx, 1, 'indices');
    if (indices.dtype !== 'int32') badShape(ctx.node, `indices are ${indices.dtype}, not integers`);
    if (!x.shape || !indices.shape) return [{ dtype: x.dtype }];
    const axis = normAxis(ctx.node, attr.int(ctx.node, 'axis', 0), x.shape.length);
    const known = valuesAt(ctx, 1);
    if (known) gatherIndices(ctx.node, known, x.shape[axis]!);
    return [{ dtype: x.dtype, shape: [...x.shape.slice(0, axis), ...indices.shape, ...x.shape.slice(axis + 1)] }];
  },
  run(ctx) {
    const x = required(ctx, 0, 'data');
    const indices = required(ctx, 1, 'indices');
    const axis = normAxis(ctx.node, attr.int(ctx.node, 'axis', 0), x.rank);
    const flat = gatherIndices(ctx.node, Array.from(indices.dataSync()), x.shape[axis]!);
    const gathered = tf.gather(x, tf.tensor1d(flat, 'int32'), axis);
    return [tf.reshape(gathered, [...x.shape.slice(0, axis), ...indices.shape, ...x.shape.slice(axis + 1)])];
  },
};

/** The indices one Slice takes along each axis (ONNX's clamping, negative starts/ends and steps). */
export function sliceIndices(ctx: Ctx, shape: number[]): Array<number[] | undefined> {
  const { node } = ctx;
  const legacy = ctx.opset < 10;
  const starts = legacy ? attr.ints(node, 'starts') : valuesAt(ctx, 1);
  const ends = legacy ? attr.ints(node, 'ends') : valuesAt(ctx, 2);
  if (!starts || !ends) badShape(node, 'has no starts or ends');
  const axes = (legacy ? attr.ints(node, 'axes') : ctx.inputs[3] === undefined ? undefined : valuesAt(ctx, 3)) ?? starts.map((_, i) => i);
  const steps = (legacy || ctx.inputs[4] === undefined ? undefined : valuesAt(ctx, 4)) ?? starts.map(() => 1);
  if ([ends, axes, steps].some((v) => v.length !== starts.length)) badShape(node, 'has starts, ends, axes and steps of different lengths');
  const picks: Array<number[] | undefined> = shape.map(() => undefined);
  axes.forEach((a, i) => {
    const axis = normAxis(node, a, shape.length, 'slice axis');
    if (picks[axis]) badShape(node, `slices axis ${axis} twice`);
    const dim = shape[axis]!;
    const step = steps[i]!;
    if (step === 0) badShape(node, 'has a step of 0');
    const at = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v < 0 ? v + dim : v));
    const start = step > 0 ? at(starts[i]!, 0, dim) : at(starts[i]!, 0, dim - 1);
    const end = step > 0 ? at(ends[i]!, 0, dim) : at(ends[i]!, -1, dim - 1);
    const pick: number[] = [];
    for (let k = start; step > 0 ? k < end : k > end; k += step) pick.push(k);
    picks[axis] = pick;
  });
  return picks;
}

export const sliceOp: OpDef = {
  infer(ctx) {
    const x = required(ctx, 0, 'data');
    const known = ctx.opset < 10 || [1, 2, 3, 4].every((i) => ctx.inputs[i] === undefined || valuesAt(ctx, i) !== undefined);
    if (!x.shape || !known) return [{ dtype: x.dtype }];
    const picks = sliceIndices(ctx, x.shape);
    return [{ dtype: x.dtype, shape: x.shape.map((d, i) => picks[i]?.length ?? d) }];
  },
  run(ctx) {
    let x = required(ctx, 0, 'data');
    sliceIndices(ctx, x.shape).forEach((pick, axis) => {
      if (pick) x = tf.gather(x, tf.tensor1d(pick, 'int32'), axis);
    });
    return [x];
  },
};

/** Split's part lengths: attribute `split` before opset 13, input 1 from then on, else equal parts. */
export function splitSizes(ctx: Ctx, length: number): number[] {
  const { node } = ctx;
  const parts = node.outputs.length;
  const given = ctx.opset < 13 ? attr.ints(node, 'split') : ctx.inputs[1] === undefined ? undefined : valuesAt(ctx, 1);
  if (given) {
    if (given.length !== parts || given.reduce((a, b) => a + b, 0) !== length || given.some((s) => s < 0)) {
      badShape(node, `split [${given.join(', ')}] does not cut an axis of ${length} into ${parts} parts`);
    }
    return given;
  }
  if (length % parts !== 0) badShape(node, `cannot split an axis of ${length} into ${parts} equal parts`);
  return new Array<number>(parts).fill(length / parts);
}

export const splitOp: OpDef = {
  infer(ctx) {
    const x = required(ctx, 0, 'input');
    if (!x.shape) return ctx.node.outputs.map(() => ({ dtype: x.dtype }));
    const axis = normAxis(ctx.node, attr.int(ctx.node, 'axis', 0), x.shape.length);
    return splitSizes(ctx, x.shape[axis]!).map((size) => ({ dtype: x.dtype, shape: x.shape!.map((d, i) => (i === axis ? size : d)) }));
  },
  run(ctx) {
    const x = required(ctx, 0, 'input');
    const axis = normAxis(ctx.node, attr.int(ctx.node, 'axis', 0), x.rank);
    let begin = 0;
    return splitSizes(ctx, x.shape[axis]!).map((size) => {
      const part = tf.slice(x, x.shape.map((_, i) => (i === axis ? begin : 0)), x.shape.map((d, i) => (i === axis ? size : d)));
      begin += size;
      return part;
    });
  },
};
