import * as tf from '@tensorflow/tfjs-core';
import { attr, badAttribute, badShape } from '../attributes';
import { floatOnly, normAxis, product, required, type OpDef } from './op-def';

const PARAMS = ['scale', 'B', 'mean', 'var'];

/**
 * How BatchNormalization's parameters broadcast over an input: one per channel, or (opset < 9 with spatial = 0)
 * one per activation. Decided by their length, since exporters are known to mark per-channel parameters
 * spatial = 0; undefined when the length fits neither.
 */
export function paramShape(input: number[], count: number): number[] | undefined {
  if (count === input[1]) return [input[1]!, ...input.slice(2).map(() => 1)];
  if (count === product(input.slice(1))) return input.slice(1);
  return undefined;
}

/** Inference-mode BatchNormalization: y = scale * (x - mean) / sqrt(var + epsilon) + B, per channel. */
export const batchNormalizationOp: OpDef = {
  infer(ctx) {
    const { node } = ctx;
    floatOnly(ctx);
    const x = required(ctx, 0, 'X');
    if (attr.int(node, 'training_mode', 0) === 1 || node.outputs.filter((o) => o !== '').length > 1) {
      badAttribute(node, 'runs in training mode (running statistics as outputs), which is not supported');
    }
    if (x.shape) {
      if (x.shape.length < 2) badShape(node, `needs an [N, C, ...] input, got [${x.shape.join(', ')}]`);
      PARAMS.forEach((p, i) => {
        const s = required(ctx, i + 1, p).shape;
        if (s && paramShape(x.shape!, product(s)) === undefined) {
          badShape(node, `${p} ${node.inputs[i + 1]} [${s.join(', ')}] should hold ${x.shape![1]} values (one per channel) for input [${x.shape!.join(', ')}]`);
        }
      });
    }
    return [{ ...x }];
  },
  run(ctx) {
    const x = required(ctx, 0, 'X');
    const shape = paramShape(x.shape, required(ctx, 1, 'scale').size)!;
    const [scale, bias, mean, variance] = PARAMS.map((p, i) => tf.reshape(required(ctx, i + 1, p), shape));
    const epsilon = attr.float(ctx.node, 'epsilon', 1e-5);
    const normalised = tf.div(tf.sub(x, mean!), tf.sqrt(tf.add(variance!, epsilon)));
    return [tf.add(tf.mul(normalised, scale!), bias!)];
  },
};

/**
 * LRN across channels (axis 1): y = x / (bias + alpha / size * sum of x^2 over channels
 * [c - floor((size - 1) / 2), c + ceil((size - 1) / 2)])^beta.
 */
export const lrnOp: OpDef = {
  infer(ctx) {
    floatOnly(ctx);
    const size = attr.int(ctx.node, 'size', 0);
    if (!Number.isInteger(size) || size < 1) badAttribute(ctx.node, `size ${size} must be a positive integer`);
    const x = required(ctx, 0, 'X');
    if (x.shape && x.shape.length < 3) badShape(ctx.node, `needs an [N, C, ...] input, got [${x.shape.join(', ')}]`);
    return [{ ...x }];
  },
  run(ctx) {
    const x = required(ctx, 0, 'X');
    const size = attr.int(ctx.node, 'size', 1);
    const alpha = attr.float(ctx.node, 'alpha', 1e-4);
    const beta = attr.float(ctx.node, 'beta', 0.75);
    const bias = attr.float(ctx.node, 'bias', 1);
    const channels = x.shape[1]!;
    const paddings = x.shape.map((_, i): [number, number] => (i === 1 ? [Math.floor((size - 1) / 2), Math.ceil((size - 1) / 2)] : [0, 0]));
    const squares = tf.pad(tf.square(x), paddings);
    const windows = Array.from({ length: size }, (_, i) => tf.slice(squares, x.shape.map((_, a) => (a === 1 ? i : 0)), x.shape.map((_, a) => (a === 1 ? channels : -1))));
    const sum = windows.length === 1 ? windows[0]! : tf.addN(windows);
    return [tf.div(x, tf.pow(tf.add(tf.mul(sum, alpha / size), bias), beta))];
  },
};

/**
 * Softmax. Before opset 13 the input is coerced to 2-D at `axis` (default 1) and normalised over the
 * flattened trailing block; from 13 on it is normalised along `axis` alone (default -1).
 */
export const softmaxOp: OpDef = {
  infer(ctx) {
    floatOnly(ctx);
    const x = required(ctx, 0, 'input');
    if (x.shape) normAxis(ctx.node, attr.int(ctx.node, 'axis', ctx.opset < 13 ? 1 : -1), Math.max(x.shape.length, 1));
    return [{ ...x }];
  },
  run(ctx) {
    const x = required(ctx, 0, 'input');
    const axis = normAxis(ctx.node, attr.int(ctx.node, 'axis', ctx.opset < 13 ? 1 : -1), Math.max(x.rank, 1));
    if (ctx.opset < 13) {
      const rows = product(x.shape.slice(0, axis));
      return [tf.reshape(tf.softmax(tf.reshape(x, [rows, -1])), x.shape)];
    }
    if (axis === x.rank - 1) return [tf.softmax(x)];
    const perm = x.shape.map((_, i) => i);
    perm[axis] = x.rank - 1;
    perm[x.rank - 1] = axis;
    return [tf.transpose(tf.softmax(tf.transpose(x, perm)), perm)];
  },
};
