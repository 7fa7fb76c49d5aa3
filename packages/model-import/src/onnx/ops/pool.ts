import * as tf from '@tensorflow/tfjs-core';
import { attr, badAttribute, badShape } from '../attributes';
import { floatOnly, required, type InferContext, type OpDef, type RunContext } from './op-def';
import { channelsLast, cropSpatial, lift2d, padSpatial } from './spatial';
import { resolveWindow, type Window } from './window';

function window(ctx: InferContext | RunContext, shape: number[]): Window {
  const { node } = ctx;
  const spatial = shape.slice(2);
  if (spatial.length < 1 || spatial.length > 3) badShape(node, `supports 1-D to 3-D pooling, got input [${shape.join(', ')}]`);
  if (attr.int(node, 'storage_order', 0) !== 0) badAttribute(node, 'storage_order 1 (column-major indices) is not supported');
  return resolveWindow(node, spatial, undefined, attr.int(node, 'ceil_mode', 0) === 1);
}

function inferPool(ctx: InferContext) {
  floatOnly(ctx);
  const x = required(ctx, 0, 'X');
  if (ctx.node.outputs.filter((o) => o !== '').length > 1) {
    badAttribute(ctx.node, 'asks for the Indices output, which is not supported');
  }
  if (!x.shape) return [{ dtype: x.dtype }];
  const win = window(ctx, x.shape);
  if (ctx.node.opType === 'AveragePool' && win.dilations.some((d) => d !== 1)) badAttribute(ctx.node, 'dilated average pooling is not supported');
  return [{ dtype: x.dtype, shape: [x.shape[0]!, x.shape[1]!, ...win.out] }];
}

/** Extra padding at the end of each axis so that 'valid' pooling yields every (possibly overhanging) ceil-mode window. */
function overhang(win: Window, spatial: number[]): number[] {
  return spatial.map((size, i) => Math.max(0, (win.out[i]! - 1) * win.strides[i]! + (win.kernel[i]! - 1) * win.dilations[i]! + 1 - (size + win.begin[i]! + win.end[i]!)));
}

/**
 * The general (dilated) max pool on a channels-last tensor: strided slices, one per kernel tap, reduced with
 * maximum. A max over a box is a max of maxes per axis, so each axis is reduced in turn (k0 + k1 slices, not k0 * k1).
 */
function slicedMax(x: tf.Tensor, win: Window): tf.Tensor {
  let y = x;
  win.kernel.forEach((k, i) => {
    const axis = i + 1;
    let best: tf.Tensor | undefined;
    for (let j = 0; j < k; j++) {
      const begin = y.shape.map((_, a) => (a === axis ? j * win.dilations[i]! : 0));
      const end = y.shape.map((d, a) => (a === axis ? j * win.dilations[i]! + (win.out[i]! - 1) * win.strides[i]! + 1 : d));
      const slice = tf.stridedSlice(y, begin, end, y.shape.map((_, a) => (a === axis ? win.strides[i]! : 1)));
      best = best ? tf.maximum(best, slice) : slice;
    }
    y = best!;
  });
  return y;
}

function poolValid(x: tf.Tensor, kind: 'max' | 'avg', kernel: number[], strides: number[]): tf.Tensor {
  if (x.rank === 4) {
    const f = kind === 'max' ? tf.maxPool : tf.avgPool;
    return f(x as tf.Tensor4D, kernel as [number, number], strides as [number, number], 'valid');
  }
  const f = kind === 'max' ? tf.maxPool3d : tf.avgPool3d;
  return f(x as tf.Tensor5D, kernel as [number, number, number], strides as [number, number, number], 'valid');
}

function runPool(ctx: RunContext): tf.Tensor[] {
  const x = required(ctx, 0, 'X');
  const win = window(ctx, x.shape);
  const spatial = x.shape.slice(2);
  const extra = overhang(win, spatial);
  const end = win.end.map((e, i) => e + extra[i]!);
  const max = ctx.node.opType === 'MaxPool';
  const y = channelsLast(x, (xl, lifted) => {
    const w: Window = lifted
      ? { ...win, kernel: lift2d(win.kernel, 1), strides: lift2d(win.strides, 1), dilations: lift2d(win.dilations, 1), out: lift2d(win.out, 1) }
      : win;
    const begin = lift2d(win.begin, 0);
    const ends = lift2d(end, 0);
    if (max) {
      const padded = padSpatial(xl, begin, ends, -Infinity);
      const pooled = w.dilations.some((d) => d !== 1) ? slicedMax(padded, w) : poolValid(padded, 'max', w.kernel, w.strides);
      return cropSpatial(pooled, w.out);
    }
    const sums = cropSpatial(poolValid(padSpatial(xl, begin, ends), 'avg', w.kernel, w.strides), w.out);
    const unpadded = begin.every((b) => b === 0) && ends.every((e) => e === 0);
    if (unpadded) return sums;
    // Divide by the share of each window that is counted: the real pixels, plus the declared pads when
    // count_include_pad is set (never the ceil-mode overhang).
    const includePad = attr.int(ctx.node, 'count_include_pad', 0) === 1;
    const ones = tf.ones([1, ...xl.shape.slice(1, -1), 1]);
    const counted = includePad ? padSpatial(ones, begin, lift2d(win.end, 0), 1) : ones;
    const mask = padSpatial(counted, includePad ? begin.map(() => 0) : begin, includePad ? lift2d(extra, 0) : ends);
    const share = cropSpatial(poolValid(mask, 'avg', w.kernel, w.strides), w.out);
    return tf.div(sums, share);
  });
  return [y];
}

export const maxPoolOp: OpDef = { infer: inferPool, run: runPool };
export const averagePoolOp: OpDef = { infer: inferPool, run: runPool };

export const globalAveragePoolOp: OpDef = {
  infer(ctx) {
    floatOnly(ctx);
    const x = required(ctx, 0, 'X');
    if (x.shape && x.shape.length < 3) badShape(ctx.node, `needs an [N, C, ...] input with spatial axes, got [${x.shape.join(', ')}]`);
    return [{ dtype: x.dtype, shape: x.shape?.map((d, i) => (i < 2 ? d : 1)) }];
  },
  run(ctx) {
    const x = required(ctx, 0, 'X');
    return [tf.mean(x, Array.from({ length: x.rank - 2 }, (_, i) => i + 2), true)];
  },
};
