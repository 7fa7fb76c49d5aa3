import protobuf from 'protobufjs/light';
import descriptor from './schema/onnx-descriptor.json';
import { OnnxImportError } from './onnx-import-error';

const root = protobuf.Root.fromJSON(descriptor as protobuf.INamespace);

/** The protobufjs types of the committed ONNX schema (field names as in onnx.proto). */
export const ModelProtoType: protobuf.Type = root.lookupType('onnx.ModelProto');
export const TensorProtoType: protobuf.Type = root.lookupType('onnx.TensorProto');

/** A 64-bit integer as protobufjs decodes it: a number, or a Long when the `long` package is present. */
export type Int64 = number | { toNumber(): number; high: number; low: number; unsigned?: boolean };

/** Converts a decoded int64 to a number, throwing a BAD_SHAPE error when it exceeds 2^53 in magnitude. */
export function int64(value: Int64 | null | undefined, what: string): number {
  if (value === null || value === undefined) return 0;
  if (typeof value === 'number') return value;
  const n = value.toNumber();
  if (!Number.isSafeInteger(n)) throw new OnnxImportError('BAD_SHAPE', `${what} is ${n}, beyond the 2^53 range of exact integers`);
  return n;
}

/** Protobuf wire type of each field type: varints (0), fixed 64-bit (1), length-delimited (2), fixed 32-bit (5). */
function wireType(field: protobuf.Field): number {
  if (field.repeated && field.resolvedType === null && !['string', 'bytes'].includes(field.type)) return -1; // packed or not: either
  if (['double', 'fixed64', 'sfixed64'].includes(field.type)) return 1;
  if (['float', 'fixed32', 'sfixed32'].includes(field.type)) return 5;
  if (['string', 'bytes'].includes(field.type) || (field.resolvedType && !('values' in field.resolvedType))) return 2;
  return 0;
}

/**
 * Whether the first tag names a field of `type` with the right wire type. Serializers write fields in order, so a
 * real file starts with one; text, images and archives almost never do, and would otherwise read as "truncated".
 */
function startsWithField(type: protobuf.Type, bytes: Uint8Array): boolean {
  let tag = 0;
  for (let i = 0, shift = 0; i < Math.min(bytes.length, 5); i++, shift += 7) {
    tag |= (bytes[i]! & 0x7f) << shift;
    if ((bytes[i]! & 0x80) === 0) break;
  }
  const field = type.fieldsById[tag >>> 3];
  if (!field) return false;
  field.resolve();
  const wire = wireType(field);
  return wire === -1 ? [0, 2].includes(tag & 7) : wire === (tag & 7);
}

/**
 * Refuses bytes that cannot be a `type` message from their first bytes alone (at least the first 5, when there
 * are that many): NOT_ONNX when they are empty or do not start with one of its fields.
 */
export function checkMessageStart(type: protobuf.Type, bytes: Uint8Array, what: string): void {
  if (bytes.byteLength === 0) throw new OnnxImportError('NOT_ONNX', `${what} is empty (0 bytes)`);
  if (!startsWithField(type, bytes)) {
    const head = Array.from(bytes.subarray(0, 4), (b) => b.toString(16).padStart(2, '0')).join(' ');
    throw new OnnxImportError('NOT_ONNX', `${what} is not a ${type.name}: it does not start with one of its fields (first bytes ${head})`);
  }
}

/** protobufjs reports reading past the end of its buffer as a RangeError 'index out of range'. */
const isTruncation = (err: unknown): boolean => err instanceof RangeError || (err instanceof Error && /index out of range/.test(err.message));

/**
 * Decodes one protobuf message, mapping every decoder failure (and only those) to an OnnxImportError:
 * TRUNCATED when the bytes end inside a field, NOT_ONNX for anything else malformed.
 */
export function decodeMessage<T>(type: protobuf.Type, bytes: Uint8Array, what: string): T {
  checkMessageStart(type, bytes, what);
  try {
    return type.decode(bytes) as unknown as T;
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    if (isTruncation(err)) throw new OnnxImportError('TRUNCATED', `${what} is truncated or corrupt: ${reason} (${bytes.byteLength} bytes)`);
    throw new OnnxImportError('NOT_ONNX', `${what} is not a valid ${type.name}: ${reason}`);
  }
}

/** Serializes a plain ModelProto-shaped object (used to write test fixtures and benchmarks). */
export function encodeModelProto(model: Record<string, unknown>): Uint8Array {
  const problem = ModelProtoType.verify(model);
  if (problem) throw new Error(`encodeModelProto: ${problem}`);
  return ModelProtoType.encode(ModelProtoType.fromObject(model)).finish();
}
