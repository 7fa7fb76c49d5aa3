/** Element types the interpreter runs: doubles run as float32, int64 as int32 (values must fit). */
export type OnnxDtype = 'float32' | 'int32' | 'bool';

export type TensorData = Float32Array | Int32Array | Uint8Array;

/** A constant tensor (initializer, Constant node or attribute), decoded to its run-time element type. */
export interface OnnxTensor {
  name: string;
  dtype: OnnxDtype;
  /** ONNX element type it was stored as, e.g. 'FLOAT', 'INT64', 'DOUBLE'. */
  sourceType: string;
  dims: number[];
  data: TensorData;
}

/** A node attribute, normalised from AttributeProto. */
export type OnnxAttribute =
  | { kind: 'int'; value: number }
  | { kind: 'float'; value: number }
  | { kind: 'string'; value: string }
  | { kind: 'ints'; value: number[] }
  | { kind: 'floats'; value: number[] }
  | { kind: 'strings'; value: string[] }
  | { kind: 'tensor'; value: OnnxTensor }
  | { kind: 'graph'; value: OnnxGraphBody }
  | { kind: 'other'; type: string };

/**
 * A graph attribute (If's then_branch and else_branch): nodes evaluated in the scope of the node that holds it. Its
 * initializers are hoisted into the model's (ONNX names are unique across nested graphs).
 */
export interface OnnxGraphBody {
  name: string;
  /** Formal inputs (If's branches have none). */
  inputs: string[];
  nodes: OnnxNode[];
  /** The tensors it yields, in order. */
  outputs: string[];
  /** Tensors of enclosing scopes that its nodes (and their own graphs) read, which the holding node lists as inputs. */
  captures: string[];
}

export interface OnnxNode {
  /** Position in the graph; nodes of graph attributes (If branches) are numbered after the main graph's. */
  index: number;
  /** Node name as stored (often empty in Caffe2 exports). */
  name: string;
  /** How messages name the node: `Conv 'conv1'`, or `Conv #3 (output conv1_1)` when unnamed. */
  label: string;
  opType: string;
  /**
   * Input tensor names; '' marks an omitted optional input. A node with graph attributes (If) lists after its own
   * inputs the enclosing-scope tensors its graphs read (their `captures`), so that they are evaluated before it.
   */
  inputs: string[];
  outputs: string[];
  attributes: ReadonlyMap<string, OnnxAttribute>;
}

/** A graph input or output: its element type and dims (a string for a symbolic dim, undefined when unknown). */
export interface OnnxValueInfo {
  name: string;
  dtype: OnnxDtype;
  dims: Array<number | string | undefined> | undefined;
}

/** What is known about a tensor before running: its element type and, when static, its shape. */
export interface TensorInfo {
  dtype: OnnxDtype;
  shape?: number[];
}

/** A parsed, validated ONNX model: what the interpreter runs and the graph conversion reads. */
export interface OnnxModel {
  irVersion: number;
  /** Version of the default (ai.onnx) operator set. */
  opset: number;
  producer: string;
  graphName: string;
  /** Graph inputs that are fed at run time (initializers excluded). */
  inputs: OnnxValueInfo[];
  outputs: OnnxValueInfo[];
  initializers: ReadonlyMap<string, OnnxTensor>;
  /** Initializers plus the outputs of Constant nodes. */
  constants: ReadonlyMap<string, OnnxTensor>;
  /**
   * Constants plus the small tensors computed at import from them and from static shapes (Shape, Gather, Concat...
   * chains), which hold only for the input shapes the model was read with: the layer graph folds them, the runner
   * recomputes them.
   */
  values: ReadonlyMap<string, OnnxTensor>;
  nodes: OnnxNode[];
  /** Inferred element type and (static) shape of every tensor, for the input shapes the model was read with. */
  info: ReadonlyMap<string, TensorInfo>;
}
