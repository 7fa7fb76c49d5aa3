import * as tf from '@tensorflow/tfjs-core';
import { attr, badAttribute, badShape } from '../attributes';
import { required, valuesAt, type InferContext, type OpDef, type RunContext } from './op-def';

interface PadSpec {
  mode: string;
  /** [begin_0, ..., begin_{r-1}, end_0, ..., end_{r-1}]; negative values crop. */
  pads: number[];
  value: number;
}

/** Pad's parameters: attributes `pads`/`value` before opset 11, inputs `pads`/`constant_value` from 11 on. */
function spec(ctx: InferContext | RunContext, rank: number): PadSpec | undefined {
  const { node } = ctx;
  const mode = attr.string(node, 'mode', 'constant');
  if (!['constant', 'reflect', 'edge'].includes(mode)) badAttribute(node, `mode '${mode}' is not constant, reflect or edge`);
  const pads = ctx.opset < 11 ? (attr.ints(node, 'pads') ?? attr.ints(node, 'paddings')) : valuesAt(ctx, 1);
  if (!pads) return undefined;
  if (pads.length !== 2 * rank) badShape(node, `pads has ${pads.length} values for a rank-${rank} input (needs ${2 * rank})`);
  const value = ctx.opset < 11 ? attr.float(node, 'value', 0) : ctx.inputs[2] !== undefined ? (valuesAt(ctx, 2)?.[0] ?? 0) : 0;
  return { mode, pads, value };
}

function outShape(ctx: InferContext | RunContext, shape: number[], s: PadSpec): number[] {
  const r = shape.length;
  const out = shape.map((d, i) => d + s.pads[i]! + s.pads[i + r]!);
  if (out.some((d) => d < 0)) badShape(ctx.node, `pads [${s.pads.join(', ')}] crop more than the input [${shape.join(', ')}] holds`);
  if (s.mode === 'reflect' && shape.some((d, i) => s.pads[i]! >= d || s.pads[i + r]! >= d)) {
    badShape(ctx.node, `reflect pads [${s.pads.join(', ')}] must be smaller than the input dims [${shape.join(', ')}]`);
  }
  if (s.mode !== 'constant' && shape.some((d, i) => d === 0 && out[i]! > 0)) badShape(ctx.node, `cannot ${s.mode}-pad an empty axis`);
  return out;
}

/** Repeats the first/last slice of `axis` to pad it (ONNX 'edge' mode). */
function edgePad(x: tf.Tensor, axis: number, before: number, after: number): tf.Tensor {
  const parts: tf.Tensor[] = [];
  const n = x.shape[axis]!;
  const slab = (at: number, count: number): tf.Tensor => {
    const s = tf.slice(x, x.shape.map((_, a) => (a === axis ? at : 0)), x.shape.map((d, a) => (a === axis ? 1 : d)));
    return tf.tile(s, x.shape.map((_, a) => (a === axis ? count : 1)));
  };
  if (before > 0) parts.push(slab(0, before));
  parts.push(x);
  if (after > 0) parts.push(slab(n - 1, after));
  return parts.length === 1 ? x : tf.concat(parts, axis);
}

export const padOp: OpDef = {
  infer(ctx) {
    const x = required(ctx, 0, 'data');
    if (!x.shape) return [{ dtype: x.dtype }];
    const s = spec(ctx, x.shape.length);
    return [{ dtype: x.dtype, shape: s && outShape(ctx, x.shape, s) }];
  },
  run(ctx) {
    let x = required(ctx, 0, 'data');
    const r = x.rank;
    const s = spec(ctx, r)!;
    outShape(ctx, x.shape, s);
    const begin = s.pads.slice(0, r);
    const end = s.pads.slice(r);
    if (begin.some((p) => p < 0) || end.some((p) => p < 0)) {
      const from = begin.map((p) => Math.max(0, -p));
      x = tf.slice(x, from, x.shape.map((d, i) => d - from[i]! - Math.max(0, -end[i]!)));
    }
    const paddings = begin.map((p, i): [number, number] => [Math.max(0, p), Math.max(0, end[i]!)]);
    if (paddings.every(([a, b]) => a === 0 && b === 0)) return [x];
    if (s.mode === 'constant') return [tf.pad(x, paddings, s.value)];
    if (s.mode === 'reflect') return [tf.mirrorPad(x, paddings, 'reflect')];
    return [paddings.reduce((acc, [a, b], axis) => edgePad(acc, axis, a, b), x)];
  },
};
