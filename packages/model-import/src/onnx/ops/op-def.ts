import * as tf from '@tensorflow/tfjs-core';
import { badShape } from '../attributes';
import type { OnnxGraphBody, OnnxNode, OnnxTensor, TensorInfo } from '../onnx-model';

interface Context<T> {
  node: OnnxNode;
  /** Version of the default operator set the model imports. */
  opset: number;
  /** One entry per node input; undefined for an omitted optional input. */
  inputs: Array<T | undefined>;
  /** The constant value of each input, where it is an initializer or a Constant's output. */
  consts: Array<OnnxTensor | undefined>;
  /**
   * Evaluates one of the node's graph attributes (If's branches) in the node's scope and gives its outputs: at
   * import their inferred types (recording those of every tensor inside), at run time their tensors.
   */
  graph?: (body: OnnxGraphBody) => Array<T | undefined>;
}

/** Import-time view of a node: what is known about its inputs. */
export type InferContext = Context<TensorInfo>;
/** Run-time view of a node: its input tensors (NCHW, as ONNX defines them). */
export type RunContext = Context<tf.Tensor>;

/**
 * One ONNX operator: `infer` checks attributes and static shapes at import time and throws OnnxImportError
 * naming the node; `run` evaluates it with differentiable TF.js ops, inside the runner's tidy.
 */
export interface OpDef {
  infer(ctx: InferContext): TensorInfo[];
  run(ctx: RunContext): tf.Tensor[];
}

export const product = (dims: readonly number[]): number => dims.reduce((a, b) => a * b, 1);

/** The input at `i`, throwing BAD_GRAPH-style shape errors when a required one is missing. */
export function required<T>(ctx: Context<T>, i: number, what: string): T {
  const value = ctx.inputs[i];
  if (value === undefined) badShape(ctx.node, `needs its input ${i} (${what})`);
  return value;
}

/** The values of a small input (a shape, pads, a bound): from the constant when known, else read back from the tensor. */
export function valuesAt(ctx: InferContext | RunContext, i: number): number[] | undefined {
  const c = ctx.consts[i];
  if (c) return Array.from(c.data);
  const t = ctx.inputs[i];
  return t instanceof tf.Tensor ? Array.from(t.dataSync()) : undefined;
}

/** An axis in [-rank, rank) made non-negative, or a BAD_ATTRIBUTE-style shape error naming the node. */
export function normAxis(node: OnnxNode, axis: number, rank: number, what = 'axis'): number {
  if (!Number.isInteger(axis) || axis < -rank || axis >= rank) badShape(node, `${what} ${axis} is out of range for a rank-${rank} input`);
  return axis < 0 ? axis + rank : axis;
}

/** Numpy (multidirectional) broadcast of static shapes; undefined when one is unknown. */
export function broadcastShapes(node: OnnxNode, shapes: Array<number[] | undefined>): number[] | undefined {
  if (shapes.some((s) => s === undefined)) return undefined;
  const rank = Math.max(...shapes.map((s) => s!.length));
  const out: number[] = [];
  for (let i = 0; i < rank; i++) {
    let dim = 1;
    for (const s of shapes as number[][]) {
      const d = s[s.length - rank + i] ?? 1;
      if (d === 1) continue;
      if (dim !== 1 && d !== dim) badShape(node, `cannot broadcast shapes ${shapes.map((x) => `[${x!.join(', ')}]`).join(' and ')}`);
      dim = d;
    }
    out.push(dim);
  }
  return out;
}

/** NC... -> N...C: TF.js convolves and pools channels-last only. */
export function toChannelsLast<T extends tf.Tensor>(x: T): T {
  const r = x.rank;
  return tf.transpose(x, [0, ...Array.from({ length: r - 2 }, (_, i) => i + 2), 1]) as T;
}

/** N...C -> NC... */
export function toChannelsFirst<T extends tf.Tensor>(x: T): T {
  const r = x.rank;
  return tf.transpose(x, [0, r - 1, ...Array.from({ length: r - 2 }, (_, i) => i + 1)]) as T;
}

/** Same element type for every given input, as ONNX's type constraints require. */
export function sameDtype(ctx: InferContext): TensorInfo['dtype'] {
  const present = ctx.inputs.filter((x): x is TensorInfo => x !== undefined);
  const dtype = present[0]?.dtype ?? 'float32';
  if (present.some((x) => x.dtype !== dtype)) badShape(ctx.node, `mixes element types ${present.map((x) => x.dtype).join(', ')}`);
  return dtype;
}

/** Throws when a float-only op gets integer or bool input. */
export function floatOnly(ctx: InferContext, i = 0): void {
  const x = ctx.inputs[i];
  if (x && x.dtype !== 'float32') badShape(ctx.node, `input ${i} is ${x.dtype}; this operator runs on floating-point tensors`);
}
