import { protoFields, type ProtoField } from './protobuf-fields';

// Field numbers from onnx.proto (ModelProto, GraphProto, TensorProto) and TensorFlow's graph.proto, node_def.proto
// and saved_model.proto.
const MODEL_GRAPH = 7;
const GRAPH_INITIALIZER = 5;
const TENSOR_EXTERNAL_DATA = 13;
const TENSOR_DATA_LOCATION = 14;
const DATA_LOCATION_EXTERNAL = 1;

/** What the protobuf layout of a file says it is. */
export type ProtoLayout = { kind: 'onnx'; externalTensors: string[] } | { kind: 'tf-graphdef'; firstNode: string } | { kind: 'tf-saved-model' } | undefined;

const utf8 = new TextDecoder('utf-8', { fatal: true });
const text = (bytes: Uint8Array, f: ProtoField): string | undefined => {
  try {
    const value = utf8.decode(bytes.subarray(f.start, f.end));
    return /^[\x20-\x7e]*$/.test(value) ? value : undefined;
  } catch {
    return undefined;
  }
};

/** Names of the initializers that keep their data outside the file (data_location EXTERNAL or external_data). */
function externalTensors(bytes: Uint8Array, graph: ProtoField): string[] | undefined {
  const fields = protoFields(bytes, graph.start, graph.end);
  if (!fields) return undefined;
  const names: string[] = [];
  for (const init of fields.filter((f) => f.field === GRAPH_INITIALIZER && f.wireType === 2)) {
    const tensor = protoFields(bytes, init.start, init.end) ?? [];
    const external = tensor.some((f) => (f.field === TENSOR_DATA_LOCATION && f.wireType === 0 && f.value === DATA_LOCATION_EXTERNAL) || f.field === TENSOR_EXTERNAL_DATA);
    if (external) names.push(text(bytes, tensor.find((f) => f.field === 8 && f.wireType === 2) ?? init) ?? '?');
  }
  return names;
}

/** A NodeDef's name and op (fields 1 and 2, printable strings), when the payload is one. */
function nodeDef(bytes: Uint8Array, f: ProtoField): string | undefined {
  const fields = protoFields(bytes, f.start, f.end, 3);
  const name = fields?.find((x) => x.field === 1 && x.wireType === 2);
  const op = fields?.find((x) => x.field === 2 && x.wireType === 2);
  const opText = op && text(bytes, op);
  return name && opText && /^[A-Z]\w*$/.test(opText) ? `${text(bytes, name) ?? '?'} (${opText})` : undefined;
}

/**
 * Reads the top of a protobuf file without its schema: an ONNX ModelProto (ir_version, then a graph; also which
 * initializers are external), a TensorFlow GraphDef (`node` messages with a name and an op), or a SavedModel
 * (schema version, then meta graphs holding a GraphDef). Undefined for anything else.
 */
export function protoLayout(bytes: Uint8Array): ProtoLayout {
  const top = protoFields(bytes);
  if (!top || top.length === 0) return undefined;
  const graph = top.find((f) => f.field === MODEL_GRAPH && f.wireType === 2);
  if (graph && top.some((f) => f.field === 1 && f.wireType === 0)) {
    const external = externalTensors(bytes, graph);
    return external ? { kind: 'onnx', externalTensors: external } : undefined;
  }
  if (top[0]!.field === 1 && top[0]!.wireType === 2 && top.every((f) => f.field <= 4)) {
    const firstNode = nodeDef(bytes, top[0]!);
    return firstNode ? { kind: 'tf-graphdef', firstNode } : undefined;
  }
  // SavedModel: saved_model_schema_version (1, varint), then meta_graphs (2), each with a graph_def (2).
  if (top.every((f) => (f.field === 1 && f.wireType === 0) || (f.field === 2 && f.wireType === 2)) && top.some((f) => f.field === 2)) {
    const meta = top.find((f) => f.field === 2)!;
    const graphDef = protoFields(bytes, meta.start, meta.end)?.find((f) => f.field === 2 && f.wireType === 2);
    const node = graphDef && protoFields(bytes, graphDef.start, graphDef.end, 1)?.[0];
    return node && node.field === 1 && nodeDef(bytes, node) ? { kind: 'tf-saved-model' } : undefined;
  }
  return undefined;
}
