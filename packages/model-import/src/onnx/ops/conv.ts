import * as tf from '@tensorflow/tfjs-core';
import { attr, badAttribute, badShape } from '../attributes';
import { floatOnly, required, type InferContext, type OpDef, type RunContext } from './op-def';
import { channelsLast, lift2d, padSpatial } from './spatial';
import { resolveWindow } from './window';

/**
 * Inserts dilation - 1 zeros between kernel taps along each spatial axis of a channels-last-style filter
 * [...spatial, in, out]. Done with differentiable ops because TF.js has no gradient for dilated convs.
 */
function dilate(filter: tf.Tensor, dilations: number[]): tf.Tensor {
  let w = filter;
  dilations.forEach((d, axis) => {
    if (d === 1) return;
    const shape = w.shape;
    const k = shape[axis]!;
    const zeros = tf.zeros([...shape.slice(0, axis + 1), d - 1, ...shape.slice(axis + 1)]);
    const spread = tf.concat([tf.expandDims(w, axis + 1), zeros], axis + 1);
    const merged = tf.reshape(spread, [...shape.slice(0, axis), k * d, ...shape.slice(axis + 1)]);
    w = tf.slice(merged, new Array<number>(shape.length).fill(0), shape.map((s, i) => (i === axis ? (k - 1) * d + 1 : -1)));
  });
  return w;
}

/** One ungrouped convolution of channels-last x by a [...spatial, in, out] filter, 'valid' with strides. */
function convValid(x: tf.Tensor, filter: tf.Tensor, strides: number[]): tf.Tensor {
  if (x.rank === 4) return tf.conv2d(x as tf.Tensor4D, filter as tf.Tensor4D, strides as [number, number], 'valid');
  return tf.conv3d(x as tf.Tensor5D, filter as tf.Tensor5D, strides as [number, number, number], 'valid');
}

function infer(ctx: InferContext) {
  const { node } = ctx;
  floatOnly(ctx);
  const x = required(ctx, 0, 'X');
  const w = required(ctx, 1, 'W');
  const group = attr.int(node, 'group', 1);
  if (!Number.isInteger(group) || group < 1) badAttribute(node, `group ${group} must be a positive integer`);
  if (!x.shape || !w.shape) return [{ dtype: x.dtype }];
  const [n, c, ...spatial] = x.shape;
  if (spatial.length < 1 || spatial.length > 3) badShape(node, `supports 1-D to 3-D convolutions, got input [${x.shape.join(', ')}]`);
  if (w.shape.length !== x.shape.length) badShape(node, `weight ${node.inputs[1]} [${w.shape.join(', ')}] has rank ${w.shape.length}, the input [${x.shape.join(', ')}] ${x.shape.length}`);
  const [m, cPerGroup, ...kernel] = w.shape;
  if (cPerGroup! * group !== c) {
    badShape(node, `weight ${node.inputs[1]} [${w.shape.join(', ')}] expects ${cPerGroup} x group ${group} = ${cPerGroup! * group} input channels, the input has ${c}`);
  }
  if (m! % group !== 0) badShape(node, `weight ${node.inputs[1]} has ${m} output channels, not divisible by group ${group}`);
  const b = ctx.inputs[2];
  if (b?.shape && (b.shape.length !== 1 || b.shape[0] !== m)) badShape(node, `bias ${node.inputs[2]} [${b.shape.join(', ')}] should be [${m}]`);
  const win = resolveWindow(node, spatial, kernel);
  return [{ dtype: x.dtype, shape: [n!, m!, ...win.out] }];
}

function run(ctx: RunContext): tf.Tensor[] {
  const x = required(ctx, 0, 'X');
  const w = required(ctx, 1, 'W');
  const group = attr.int(ctx.node, 'group', 1);
  const [, c, ...spatial] = x.shape;
  const [m, cPerGroup, ...kernel] = w.shape;
  const win = resolveWindow(ctx.node, spatial, kernel);
  // OIHW -> HWIO (or OIDHW -> DHWIO), a 1-D kernel lifted to [1, k].
  let filter = tf.transpose(w, [...kernel.map((_, i) => i + 2), 1, 0]);
  if (kernel.length === 1) filter = tf.expandDims(filter, 0);
  filter = dilate(filter, lift2d(win.dilations, 1));
  const y = channelsLast(x, (xl) => {
    const padded = padSpatial(xl, lift2d(win.begin, 0), lift2d(win.end, 0));
    const strides = lift2d(win.strides, 1);
    if (group === 1) return convValid(padded, filter, strides);
    if (cPerGroup === 1 && padded.rank === 4) {
      // Depthwise: output channel c * multiplier + j reads input channel c.
      const [kh, kw] = filter.shape as [number, number];
      const depthwise = tf.reshape(filter, [kh, kw, c!, m! / c!]) as tf.Tensor4D;
      return tf.depthwiseConv2d(padded as tf.Tensor4D, depthwise, strides as [number, number], 'valid');
    }
    const xs = tf.split(padded, group, padded.rank - 1);
    const ws = tf.split(filter, group, filter.rank - 1);
    return tf.concat(xs.map((xi, g) => convValid(xi, ws[g]!, strides)), padded.rank - 1);
  });
  const b = ctx.inputs[2];
  return [b ? tf.add(y, tf.reshape(b, [m!, ...spatial.map(() => 1)])) : y];
}

export const convOp: OpDef = { infer, run };
