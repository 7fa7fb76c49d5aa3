import type { GraphNode } from '@branchscope/core';
import type { OnnxEmitter } from './onnx-emitter';
import type { ParamValues } from './param-values';

/** What forward and backward rules share while one model is generated. */
export interface GradientContext {
  readonly e: OnnxEmitter;
  readonly params: ParamValues;
  /** One sample's activation shape per node ([C, H, W] or [F]), for the input size the model is built for. */
  readonly shapes: Map<string, number[]>;
  /** Each evaluated node's ONNX value. */
  readonly values: Map<string, string>;
  /** Forward intermediates a backward rule reuses (MaxPool's indices, LRN's denominator, a sigmoid...), per node. */
  readonly saved: Map<string, Record<string, string>>;
  /** Batch norms use batch statistics and dropouts take masks (training); otherwise inference. */
  readonly training: boolean;
  /** The `redirect` input's value when the model takes one. */
  readonly redirect: string | undefined;
  /** Whether `grad:<param>` outputs are wanted, so backward rules emit weight gradients. */
  readonly weightGradients: boolean;
  /** Weight gradients emitted so far, by parameter name. */
  readonly paramGrads: Map<string, string>;
  /** Extra graph inputs and outputs rules declare (dropout masks, batch statistics). */
  readonly extraInputs: Array<{ name: string; node: string }>;
  readonly extraOutputs: Array<{ name: string; value: string; dims: number[] }>;
}

/** The failure for an op a rule does not handle: names the op and the node. */
export function unsupported(node: GraphNode, what: string): Error {
  return new Error(`buildGradientModel: ${what} for op '${node.op}' (node '${node.name}') is not implemented`);
}

/** The symbolic-batch dims of a node's activation: ['N', ...one sample's shape]. */
export const batchDims = (ctx: GradientContext, node: string): Array<number | string> => ['N', ...ctx.shapes.get(node)!];

/** A Reshape target that keeps the batch (0 copies it) and sets the rest to one sample's shape. */
export const batchShape = (ctx: GradientContext, node: string): string => ctx.e.int64Const([0, ...ctx.shapes.get(node)!]);
