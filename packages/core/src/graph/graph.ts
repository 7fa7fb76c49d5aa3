/**
 * The graph model shared by built-in architectures and imported models.
 * Pure data: no tensors. Layouts follow ONNX (NCHW activations, OIHW conv weights).
 */

export type OpKind =
  | 'input'
  | 'conv'
  | 'relu'
  | 'lrn'
  | 'maxpool'
  | 'avgpool'
  | 'globalavgpool'
  | 'concat'
  | 'add'
  | 'batchnorm'
  | 'dense'
  | 'flatten'
  | 'dropout'
  | 'softmax';

export interface ConvAttrs {
  kernel: [number, number];
  strides: [number, number];
  /** [top, left, bottom, right] */
  pads: [number, number, number, number];
  dilations: [number, number];
  /** Number of groups: C_in / W.shape[1]. */
  group: number;
  bias: boolean;
}

export interface PoolAttrs {
  kernel: [number, number];
  strides: [number, number];
  pads: [number, number, number, number];
  ceilMode: boolean;
}

export interface LrnAttrs {
  size: number;
  alpha: number;
  beta: number;
  bias: number;
}

export interface GraphNode {
  /** Unique name; also the name of the node's single output. */
  name: string;
  op: OpKind;
  /** Names of the nodes whose outputs feed this one, in order. */
  inputs: string[];
  /** Output channels (units) of this node. */
  channels: number;
  conv?: ConvAttrs;
  pool?: PoolAttrs;
  lrn?: LrnAttrs;
  /** Concat axis (1 = channels) where op is concat. */
  axis?: number;
}

export interface Graph {
  name: string;
  /** Input shape without the batch dimension: [channels, height, width]. */
  inputShape: [number, number, number];
  /** Value range the model expects its input pixels in, e.g. [-117, 138]. */
  inputRange: [number, number];
  /** Nodes in topological order; the first is the input. */
  nodes: GraphNode[];
  /** Name of the output node. */
  output: string;
}

/** A half-open range of units [start, end) in one layer's output. */
export interface UnitRange {
  layer: string;
  start: number;
  end: number;
}

export type BlockKind = 'grouped' | 'concat' | 'residual';

export interface Branch {
  /** Position within its block. */
  index: number;
  /** Human name, e.g. `conv2/group1` or `mixed3a/5x5`. */
  name: string;
  /** Member layers (nodes) of the branch, in topological order. */
  layers: string[];
  /** The units this branch contributes to the block's output. */
  units: UnitRange;
  /** The units of the layer before the block that feed only this branch (grouped convs), if any. */
  inputUnits?: UnitRange;
}

export interface BranchedBlock {
  name: string;
  kind: BlockKind;
  /** The node where the branches join (the grouped conv itself, the Concat or the Add). */
  output: string;
  branches: Branch[];
}

/** Conv weights in ONNX layout: shape [out, in / group, kh, kw], row-major. */
export interface ConvWeights {
  shape: [number, number, number, number];
  group: number;
  data: Float32Array;
}
