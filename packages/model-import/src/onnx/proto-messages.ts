import type { Int64 } from './onnx-proto';
import type { AttributeProtoMessage } from './attributes';
import type { TensorProtoMessage } from './tensor-proto';

/** The parts of the decoded ModelProto that the importer reads (field names as in onnx.proto). */
export interface ModelProtoMessage {
  ir_version?: Int64;
  producer_name?: string;
  opset_import?: Array<{ domain?: string; version?: Int64 }>;
  graph?: GraphProtoMessage | null;
}

export interface GraphProtoMessage {
  name?: string;
  node?: NodeProtoMessage[];
  initializer?: TensorProtoMessage[];
  sparse_initializer?: unknown[];
  input?: ValueInfoProtoMessage[];
  output?: ValueInfoProtoMessage[];
}

export interface NodeProtoMessage {
  name?: string;
  op_type?: string;
  domain?: string;
  input?: string[];
  output?: string[];
  attribute?: AttributeProtoMessage[];
}

export interface ValueInfoProtoMessage {
  name?: string;
  type?: {
    tensor_type?: { elem_type?: number; shape?: { dim?: Array<{ dim_value?: Int64 | null; dim_param?: string | null }> } | null } | null;
  } | null;
}
