/**
 * Why a TensorFlow GraphDef (`.pb`) was refused:
 * - TRUNCATED: the bytes end inside a message, or a tensor holds fewer bytes than its shape needs.
 * - NOT_GRAPHDEF: not a protobuf GraphDef (an ONNX file, a SavedModel, text, an archive...).
 * - UNSUPPORTED_OPS: op types the importer does not convert, each with its count and first node (all at once).
 * - UNSUPPORTED_DTYPE: a constant or input of an element type other than float, double, int32 or int64.
 * - UNSUPPORTED_FEATURE: a supported op used in a way the importer does not convert (NCHW data_format, training-mode
 *   batch norm, a function library, several inputs...), every such node listed.
 * - BAD_GRAPH: a node reads one the graph does not define, a cycle, an output that cannot be chosen.
 * - BAD_SHAPE: weights, attributes and tensor shapes that do not agree.
 * - NOT_CONVERTIBLE: valid TensorFlow that the layer graph cannot hold (a constant added to a tensor other ops read,
 *   a reshape that is not a flatten...).
 */
export type GraphDefImportErrorCode =
  | 'TRUNCATED'
  | 'NOT_GRAPHDEF'
  | 'UNSUPPORTED_OPS'
  | 'UNSUPPORTED_DTYPE'
  | 'UNSUPPORTED_FEATURE'
  | 'BAD_GRAPH'
  | 'BAD_SHAPE'
  | 'NOT_CONVERTIBLE';

/** One op type the importer does not convert: how many nodes of the data path use it, and the first of them. */
export interface UnsupportedGraphDefOp {
  op: string;
  count: number;
  first: string;
}

export interface GraphDefImportErrorDetails {
  /** The node concerned, by its TensorFlow name. */
  node?: string;
  /** Its op type. */
  op?: string;
  /** For UNSUPPORTED_OPS: every unsupported op type, in order of first use. */
  ops?: UnsupportedGraphDefOp[];
}

/** The only error type `importGraphDef` throws for bad input; the message names the node and op at fault. */
export class GraphDefImportError extends Error {
  override readonly name = 'GraphDefImportError';

  constructor(
    readonly code: GraphDefImportErrorCode,
    message: string,
    readonly details: GraphDefImportErrorDetails = {},
  ) {
    super(message);
  }
}
