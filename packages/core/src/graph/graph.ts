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
  | 'softmax'
  /** Clamp to [clip.min, clip.max] (ReLU6 is [0, 6]). */
  | 'clip'
  | 'sigmoid'
  /** max(0, min(1, alpha * x + beta)), per element. */
  | 'hardsigmoid'
  /** x * hardsigmoid(x) with alpha 1/6, beta 1/2. */
  | 'hardswish'
  /** x * sigmoid(x) (Swish). */
  | 'silu'
  /** Input 0 (the stream) times input 1 (a gate of the same channels, [C, 1, 1] or the stream's size): an SE gate. */
  | 'mul'
  /** x * scale[c] + shift[c] with constants (one value, or one per channel). */
  | 'affine'
  /** Output channel i is input channel select[i]: a channel gather, slice, split or shuffle. */
  | 'select';

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
  /** Average pools only: padded pixels count as zeros in each window's average (ONNX count_include_pad). */
  countIncludePad?: boolean;
}

export interface LrnAttrs {
  size: number;
  alpha: number;
  beta: number;
  bias: number;
}

export interface ClipAttrs {
  min: number;
  max: number;
}

export interface HardSigmoidAttrs {
  alpha: number;
  beta: number;
}

export interface AffineAttrs {
  /** One value for every channel, or one per channel. */
  scale: number[];
  shift: number[];
}

export interface GraphNode {
  /** Unique name; also the name of the node's single output. */
  name: string;
  /** The node's name in the file it was imported from, where `name` differs (e.g. `/layer1/layer1.0/conv1/Conv`). */
  rawName?: string;
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
  clip?: ClipAttrs;
  hardSigmoid?: HardSigmoidAttrs;
  affine?: AffineAttrs;
  /** Input channel of each output channel where op is select. */
  select?: number[];
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

export type BlockKind = 'grouped' | 'concat' | 'residual' | 'gate';

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
  /** The node where the branches join (the grouped conv itself, the Concat, the Add or the gate's Mul). */
  output: string;
  branches: Branch[];
}

/** Conv weights in ONNX layout: shape [out, in / group, kh, kw], row-major. */
export interface ConvWeights {
  shape: [number, number, number, number];
  group: number;
  data: Float32Array;
}
