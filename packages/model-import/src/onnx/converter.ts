import type { GraphNode } from '@branchscope/core';
import type { OnnxModel, OnnxNode, OnnxTensor } from './onnx-model';
import type { LayerParams } from './onnx-weight-source';
import type { InferContext } from './ops/op-def';

export type Layer = Omit<GraphNode, 'name' | 'channels'>;

/**
 * A tensor seen as its source activation with the channel axis split into factors and those factors reordered:
 * ShuffleNet's channel shuffle reshapes [N, C, H, W] to [N, g, C/g, H, W] and transposes the two factors before
 * reshaping back. `order[j]` is the factor (index into `factors`) that the tensor's axis 1 + j holds.
 */
export interface ChannelView {
  source: string;
  factors: number[];
  order: number[];
}

/** The conversion state the `convert*` functions work on (see onnxToGraph). */
export interface Converter {
  model: OnnxModel;
  /** ONNX activation tensor -> graph node that holds it. */
  activations: Map<string, string>;
  consumers: ReadonlyMap<string, OnnxNode[]>;
  /** Zero Pad outputs waiting to fold into the Conv or AveragePool that reads them: tensor -> [source, [top, left, bottom, right]]. */
  pads: Map<string, [string, number[]]>;
  /** Sigmoid / HardSigmoid outputs waiting for the Mul that makes them SiLU / HardSwish: tensor -> [op, input tensor]. */
  fused: Map<string, ['silu' | 'hardswish', string]>;
  /** Rank-3 tensors that are one channel gathered with a scalar index, waiting for the Unsqueeze that restores the axis. */
  squeezed: Set<string>;
  /** Channel-factored views of activations (a channel shuffle in progress). */
  views: Map<string, ChannelView>;
  fail(problem: string, node?: OnnxNode): never;
  shape(tensor: string, node: OnnxNode): number[];
  /**
   * Adds a graph node for output `output` (default 0) of `node`, named after the node (later outputs get `/out<i>`),
   * with `channels` taken from the output's shape unless given, or named `name`.
   */
  push(node: OnnxNode, layer: Layer, params?: LayerParams, options?: { output?: number; channels?: number; name?: string }): void;
  alias(node: OnnxNode, from: string): void;
  /** Folds a per-unit bias into the conv or dense layer `layer` if it was just added, has none and feeds only `node`. */
  foldBias(node: OnnxNode, layer: string, bias: Float32Array): boolean;
}

/** The graph node holding input `i` of `node` (through a pending zero Pad). */
export function act(c: Converter, node: OnnxNode, i: number): string {
  const tensor = node.inputs[i] ?? '';
  const source = c.pads.get(tensor)?.[0] ?? tensor;
  if (c.views.has(tensor)) c.fail(`reads '${tensor}', a tensor with its channel axis split in factors, which only a Transpose and a Reshape back may read`, node);
  return c.activations.get(source) ?? c.fail(`computes its input ${i} ('${tensor}') from constants only`, node);
}

/** The value of input `i`, known at import (an initializer, a Constant or folded shape arithmetic). */
export const known = (c: Converter, node: OnnxNode, i: number): OnnxTensor | undefined => c.model.values.get(node.inputs[i] ?? '');

export function constant(c: Converter, node: OnnxNode, i: number, what: string): OnnxTensor {
  return known(c, node, i) ?? c.fail(`takes its ${what} '${node.inputs[i]}' from a computed tensor, not an initializer`, node);
}

export const optionalConstant = (c: Converter, node: OnnxNode, i: number, what: string): OnnxTensor | undefined =>
  (node.inputs[i] ?? '') === '' ? undefined : constant(c, node, i, what);

export function spatial4d(c: Converter, node: OnnxNode): number[] {
  const s = c.shape(node.inputs[0]!, node);
  if (s.length !== 4) c.fail(`works on a rank-${s.length} tensor; graphs hold 2-D images only`, node);
  return s;
}

/** The node's inference context with everything known at import, for the operators' own attribute readers. */
export const inferContext = (c: Converter, node: OnnxNode): InferContext => ({
  node,
  opset: c.model.opset,
  inputs: node.inputs.map((t) => (t === '' ? undefined : c.model.info.get(t))),
  consts: node.inputs.map((t) => c.model.values.get(t)),
});

/** The readers of a tensor. */
export const readers = (c: Converter, tensor: string): OnnxNode[] => c.consumers.get(tensor) ?? [];
