import protobuf from 'protobufjs/light';
import { GraphDefImportError } from './graphdef-import-error';
import descriptor from './schema/graph-def-descriptor.json';

const root = protobuf.Root.fromJSON(descriptor as protobuf.INamespace);

/** The protobufjs types of the committed GraphDef schema (field names in lowerCamelCase, as TF's protobuf JSON). */
export const GraphDefType: protobuf.Type = root.lookupType('tensorflow.GraphDef');
export const AttrValueType: protobuf.Type = root.lookupType('tensorflow.AttrValue');
export const DataTypeEnum: protobuf.Enum = root.lookupEnum('tensorflow.DataType');

/** A 64-bit integer as protobufjs decodes it: a number, or a Long when the `long` package is present. */
export type Int64 = number | { toNumber(): number };

export interface TensorShapeMessage {
  dim?: Array<{ size?: Int64 | null }>;
  unknownRank?: boolean;
}

/** A decoded TensorProto (the fields the importer reads). */
export interface TensorMessage {
  dtype?: number;
  tensorShape?: TensorShapeMessage | null;
  tensorContent?: Uint8Array;
  floatVal?: number[];
  doubleVal?: number[];
  intVal?: number[];
  int64Val?: Int64[];
  halfVal?: number[];
}

export interface NodeMessage {
  name?: string;
  op?: string;
  input?: string[];
  attr?: Record<string, protobuf.Message & { tensor?: TensorMessage | null }>;
}

export interface GraphDefMessage {
  node?: NodeMessage[];
  library?: object | null;
}

export const int64 = (value: Int64 | null | undefined): number => (value === null || value === undefined ? 0 : typeof value === 'number' ? value : value.toNumber());

/** The DataType's name (`DT_FLOAT`), or its number when the schema does not name it. */
export const dtypeName = (dtype: number | undefined): string => DataTypeEnum.valuesById[dtype ?? 0] ?? `DataType ${dtype}`;

/**
 * Whether the first tag names a GraphDef field with its wire type: node (1), library (2) and versions (4) are
 * length-delimited, version (3) a varint. An ONNX ModelProto starts with a varint field 1, a SavedModel with a varint
 * field 1, text and archives with neither.
 */
function startsLikeGraphDef(bytes: Uint8Array): boolean {
  const tag = bytes[0]!;
  return tag === 0x0a || tag === 0x12 || tag === 0x18 || tag === 0x22;
}

const isTruncation = (err: unknown): boolean => err instanceof RangeError || (err instanceof Error && /index out of range/.test(err.message));

/** Decodes a GraphDef, mapping every decoder failure to a GraphDefImportError (TRUNCATED or NOT_GRAPHDEF). */
export function decodeGraphDef(bytes: Uint8Array): GraphDefMessage {
  if (bytes.byteLength === 0) throw new GraphDefImportError('NOT_GRAPHDEF', 'the file is empty (0 bytes)');
  if (!startsLikeGraphDef(bytes)) {
    const head = Array.from(bytes.subarray(0, 4), (b) => b.toString(16).padStart(2, '0')).join(' ');
    const hint = bytes[0] === 0x08 ? ' (an ONNX model or a SavedModel starts this way; a SavedModel must be frozen to a GraphDef first)' : '';
    throw new GraphDefImportError('NOT_GRAPHDEF', `the file is not a TensorFlow GraphDef: it does not start with one of its fields (first bytes ${head})${hint}`);
  }
  try {
    return GraphDefType.decode(bytes) as unknown as GraphDefMessage;
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    if (isTruncation(err)) throw new GraphDefImportError('TRUNCATED', `the GraphDef is truncated or corrupt: ${reason} (${bytes.byteLength} bytes)`);
    throw new GraphDefImportError('NOT_GRAPHDEF', `the file is not a valid GraphDef: ${reason}`);
  }
}

/** An attribute as TensorFlow's protobuf JSON writes it (bytes in base64, int64 as strings, enums by name). */
export const attrJson = (value: protobuf.Message): Record<string, unknown> =>
  AttrValueType.toObject(value, { longs: String, bytes: String, enums: String }) as Record<string, unknown>;

/** Serializes a plain GraphDef-shaped object (test fixtures); throws naming the problem when it does not fit the schema. */
export function encodeGraphDef(graph: Record<string, unknown>): Uint8Array {
  const message = GraphDefType.fromObject(graph);
  const problem = GraphDefType.verify(message);
  if (problem) throw new Error(`encodeGraphDef: ${problem}`);
  return GraphDefType.encode(message).finish();
}
