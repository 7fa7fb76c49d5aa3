import * as tf from '@tensorflow/tfjs-core';
import { attr, badShape } from '../attributes';
import { broadcastShapes, floatOnly, required, type OpDef } from './op-def';

/** Gemm: Y = alpha * A' B' + beta * C, with A' = transA ? A^T : A (same for B) and C broadcast to [M, N]. */
export const gemmOp: OpDef = {
  infer(ctx) {
    const { node } = ctx;
    floatOnly(ctx);
    const a = required(ctx, 0, 'A');
    const b = required(ctx, 1, 'B');
    if (!a.shape || !b.shape) return [{ dtype: a.dtype }];
    if (a.shape.length !== 2 || b.shape.length !== 2) badShape(node, `needs 2-D A and B, got [${a.shape.join(', ')}] and [${b.shape.join(', ')}]`);
    const [m, k] = attr.int(node, 'transA', 0) ? [a.shape[1]!, a.shape[0]!] : [a.shape[0]!, a.shape[1]!];
    const [kb, n] = attr.int(node, 'transB', 0) ? [b.shape[1]!, b.shape[0]!] : [b.shape[0]!, b.shape[1]!];
    if (k !== kb) badShape(node, `A has ${k} columns but weight ${node.inputs[1]} [${b.shape.join(', ')}] has ${kb} rows (transB=${attr.int(node, 'transB', 0)})`);
    const c = ctx.inputs[2];
    if (c?.shape) {
      const out = broadcastShapes(node, [[m, n], c.shape]);
      if (out && out.join() !== [m, n].join()) badShape(node, `C ${node.inputs[2]} [${c.shape.join(', ')}] does not broadcast to [${m}, ${n}]`);
    }
    return [{ dtype: a.dtype, shape: [m, n] }];
  },
  run(ctx) {
    const a = required(ctx, 0, 'A');
    const b = required(ctx, 1, 'B');
    const alpha = attr.float(ctx.node, 'alpha', 1);
    const beta = attr.float(ctx.node, 'beta', 1);
    let y: tf.Tensor = tf.matMul(a as tf.Tensor2D, b as tf.Tensor2D, attr.int(ctx.node, 'transA', 0) === 1, attr.int(ctx.node, 'transB', 0) === 1);
    if (alpha !== 1) y = tf.mul(y, alpha);
    const c = ctx.inputs[2];
    if (c && beta !== 0) y = tf.add(y, beta === 1 ? c : tf.mul(c, beta));
    return [y];
  },
};

/** Numpy matmul shapes: 1-D operands are promoted and their unit axis dropped again; batch axes broadcast. */
function matmulShape(node: Parameters<typeof badShape>[0], a: number[], b: number[]): number[] {
  if (a.length === 0 || b.length === 0) badShape(node, 'cannot multiply scalars');
  const a2 = a.length === 1 ? [1, a[0]!] : a;
  const b2 = b.length === 1 ? [b[0]!, 1] : b;
  if (a2[a2.length - 1] !== b2[b2.length - 2]) badShape(node, `cannot multiply [${a.join(', ')}] by [${b.join(', ')}]`);
  const batch = broadcastShapes(node, [a2.slice(0, -2), b2.slice(0, -2)])!;
  return [...batch, ...(a.length === 1 ? [] : [a2[a2.length - 2]!]), ...(b.length === 1 ? [] : [b2[b2.length - 1]!])];
}

export const matMulOp: OpDef = {
  infer(ctx) {
    floatOnly(ctx);
    const a = required(ctx, 0, 'A');
    const b = required(ctx, 1, 'B');
    return [{ dtype: a.dtype, shape: a.shape && b.shape ? matmulShape(ctx.node, a.shape, b.shape) : undefined }];
  },
  run(ctx) {
    const a = required(ctx, 0, 'A');
    const b = required(ctx, 1, 'B');
    const shape = matmulShape(ctx.node, a.shape, b.shape);
    const a2 = a.rank === 1 ? tf.reshape(a, [1, -1]) : a;
    const b2 = b.rank === 1 ? tf.reshape(b, [-1, 1]) : b;
    // TF.js broadcasts batch axes only between operands of equal rank.
    const rank = Math.max(a2.rank, b2.rank);
    const up = (t: tf.Tensor): tf.Tensor => (t.rank === rank ? t : tf.reshape(t, [...new Array<number>(rank - t.rank).fill(1), ...t.shape]));
    return [tf.reshape(tf.matMul(up(a2), up(b2)), shape)];
  },
};
