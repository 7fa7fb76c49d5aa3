import * as tf from '@tensorflow/tfjs-core';
import { attr } from '../attributes';
import type { OnnxNode } from '../onnx-model';
import { floatOnly, normAxis, required, type OpDef } from './op-def';

/** ReduceMean's axes (the attribute, up to opset 17), all of them when absent. */
export function reduceAxes(node: OnnxNode, rank: number): number[] {
  const axes = attr.ints(node, 'axes') ?? Array.from({ length: rank }, (_, i) => i);
  return [...new Set(axes.map((a) => normAxis(node, a, rank)))].sort((a, b) => a - b);
}

export const reduceMeanOp: OpDef = {
  infer(ctx) {
    floatOnly(ctx);
    const x = required(ctx, 0, 'data');
    if (!x.shape) return [{ dtype: x.dtype }];
    const axes = reduceAxes(ctx.node, x.shape.length);
    const keep = attr.int(ctx.node, 'keepdims', 1) === 1;
    return [{ dtype: x.dtype, shape: x.shape.flatMap((d, i) => (axes.includes(i) ? (keep ? [1] : []) : [d])) }];
  },
  run(ctx) {
    const x = required(ctx, 0, 'data');
    return [tf.mean(x, reduceAxes(ctx.node, x.rank), attr.int(ctx.node, 'keepdims', 1) === 1)];
  },
};
