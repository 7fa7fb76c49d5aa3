/**
 * Why an ONNX file was refused:
 * - TRUNCATED: the bytes end inside a message or a tensor holds fewer values than its dims declare.
 * - NOT_ONNX: not a protobuf ModelProto, or one without a graph.
 * - UNSUPPORTED_OPS: operators outside the supported set (all of them listed at once).
 * - UNSUPPORTED_OPSET / UNSUPPORTED_DTYPE / UNSUPPORTED_FEATURE: a version, element type or construct we do not run.
 * - BAD_ATTRIBUTE: an attribute of the wrong type or out of range.
 * - BAD_GRAPH: dangling inputs, duplicate outputs, a cycle.
 * - BAD_SHAPE: shapes that do not fit the operator (weights inconsistent with the node, negative or absurd dims).
 * - TOO_LARGE: a tensor or activation over the size limit, checked before anything is allocated.
 * - NOT_CONVERTIBLE: valid ONNX that runs, but does not map onto a branchscope graph (see `readOnnx`).
 */
export type OnnxImportErrorCode =
  | 'TRUNCATED'
  | 'NOT_ONNX'
  | 'UNSUPPORTED_OPS'
  | 'UNSUPPORTED_OPSET'
  | 'UNSUPPORTED_DTYPE'
  | 'UNSUPPORTED_FEATURE'
  | 'BAD_ATTRIBUTE'
  | 'BAD_GRAPH'
  | 'BAD_SHAPE'
  | 'TOO_LARGE'
  | 'NOT_CONVERTIBLE';

/** One unsupported operator type and the nodes that use it. */
export interface UnsupportedOp {
  opType: string;
  nodes: string[];
}

export interface OnnxImportErrorDetails {
  /** The node concerned, as `OpType 'name'` (or `OpType #index` when unnamed). */
  node?: string;
  /** The tensor concerned. */
  tensor?: string;
  /** For UNSUPPORTED_OPS: every unsupported op type with its nodes. */
  ops?: UnsupportedOp[];
}

/** The only error type `readOnnx` and `importOnnx` throw for bad input. */
export class OnnxImportError extends Error {
  override readonly name = 'OnnxImportError';

  constructor(
    readonly code: OnnxImportErrorCode,
    message: string,
    readonly details: OnnxImportErrorDetails = {},
  ) {
    super(message);
  }
}
