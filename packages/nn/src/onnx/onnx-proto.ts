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

/** protobufjs reports reading past the end of its buffer as a RangeError 'index out of range'. */
const isTruncation = (err: unknown): boolean => err instanceof RangeError || (err instanceof Error && /index out of range/.test(err.message));

/**
 * Decodes one protobuf message, mapping every decoder failure (and only those) to an OnnxImportError:
 * TRUNCATED when the bytes end inside a field, NOT_ONNX for anything else malformed.
 */
export function decodeMessage<T>(type: protobuf.Type, bytes: Uint8Array, what: string): T {
  if (bytes.byteLength === 0) throw new OnnxImportError('NOT_ONNX', `${what} is empty (0 bytes)`);
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
