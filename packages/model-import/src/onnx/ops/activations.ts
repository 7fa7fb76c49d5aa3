import * as tf from '@tensorflow/tfjs-core';
import { attr } from '../attributes';
import { floatOnly, required, type InferContext, type OpDef } from './op-def';

const floatPassThrough = (ctx: InferContext) => {
  floatOnly(ctx);
  return [{ ...required(ctx, 0, 'X') }];
};

/** max(0, min(1, alpha * x + beta)); ONNX's defaults are alpha 0.2, beta 0.5 (PyTorch exports 1/6 and 0.5). */
export const hardSigmoid = (x: tf.Tensor, alpha: number, beta: number): tf.Tensor => tf.clipByValue(tf.add(tf.mul(x, alpha), beta), 0, 1);

export const sigmoidOp: OpDef = {
  infer: floatPassThrough,
  run: (ctx) => [tf.sigmoid(required(ctx, 0, 'X'))],
};

export const hardSigmoidOp: OpDef = {
  infer: floatPassThrough,
  run: (ctx) => [hardSigmoid(required(ctx, 0, 'X'), attr.float(ctx.node, 'alpha', 0.2), attr.float(ctx.node, 'beta', 0.5))],
};

/** x * hardsigmoid(x) with alpha 1/6 and beta 0.5 (opset 14). */
export const hardSwishOp: OpDef = {
  infer: floatPassThrough,
  run: (ctx) => {
    const x = required(ctx, 0, 'X');
    return [tf.mul(x, hardSigmoid(x, 1 / 6, 0.5))];
  },
};
