import { int64, type Int64 } from './onnx-proto';
import { OnnxImportError } from './onnx-import-error';
import { formatBytes, type OnnxLimits } from './onnx-limits';
import type { OnnxDtype, OnnxTensor, TensorData } from './onnx-model';

/** The TensorProto fields we read, as protobufjs decodes them. */
export interface TensorProtoMessage {
  name?: string;
  dims?: Int64[];
  data_type?: number;
  segment?: unknown;
  float_data?: number[];
  int32_data?: number[];
  int64_data?: Int64[];
  double_data?: number[];
  raw_data?: Uint8Array;
  data_location?: number;
  external_data?: unknown[];
}

interface ElementType {
  name: string;
  bytes: number;
  dtype?: OnnxDtype;
}

/** ONNX TensorProto.DataType codes; only those with a dtype are run. */
export const ELEMENT_TYPES: Readonly<Record<number, ElementType>> = {
  1: { name: 'FLOAT', bytes: 4, dtype: 'float32' },
  2: { name: 'UINT8', bytes: 1 },
  3: { name: 'INT8', bytes: 1 },
  4: { name: 'UINT16', bytes: 2 },
  5: { name: 'INT16', bytes: 2 },
  6: { name: 'INT32', bytes: 4, dtype: 'int32' },
  7: { name: 'INT64', bytes: 8, dtype: 'int32' },
  8: { name: 'STRING', bytes: 0 },
  9: { name: 'BOOL', bytes: 1, dtype: 'bool' },
  10: { name: 'FLOAT16', bytes: 2 },
  11: { name: 'DOUBLE', bytes: 8, dtype: 'float32' },
  12: { name: 'UINT32', bytes: 4 },
  13: { name: 'UINT64', bytes: 8 },
  14: { name: 'COMPLEX64', bytes: 8 },
  15: { name: 'COMPLEX128', bytes: 16 },
  16: { name: 'BFLOAT16', bytes: 2 },
};

/** The run-time dtype of an ONNX element type, or an UNSUPPORTED_DTYPE error naming `what`. */
export function runtimeDtype(code: number | undefined, what: string): { dtype: OnnxDtype; type: ElementType } {
  const type = ELEMENT_TYPES[code ?? 0];
  if (!type) throw new OnnxImportError('UNSUPPORTED_DTYPE', `${what} has element type ${code ?? 0}, which is not an ONNX type`, { tensor: what });
  if (!type.dtype) {
    throw new OnnxImportError('UNSUPPORTED_DTYPE', `${what} is ${type.name}; supported element types are FLOAT, DOUBLE, INT32, INT64 and BOOL`, { tensor: what });
  }
  return { dtype: type.dtype, type };
}

/** Checks dims against the limits and returns the element count, before anything is allocated. */
export function checkedElementCount(dims: readonly number[], elementBytes: number, limits: OnnxLimits, what: string): number {
  if (dims.length > limits.maxRank) throw new OnnxImportError('BAD_SHAPE', `${what} has rank ${dims.length}, over the limit of ${limits.maxRank}`, { tensor: what });
  let count = 1;
  for (const d of dims) {
    if (!Number.isInteger(d) || d < 0) throw new OnnxImportError('BAD_SHAPE', `${what} has dimension ${d} in [${dims.join(', ')}]`, { tensor: what });
    if (d > limits.maxDim) throw new OnnxImportError('BAD_SHAPE', `${what} has dimension ${d}, over the limit of ${limits.maxDim}`, { tensor: what });
    count *= d;
  }
  const bytes = count * Math.max(elementBytes, 4);
  if (bytes > limits.maxTensorBytes) {
    throw new OnnxImportError('TOO_LARGE', `${what} [${dims.join(', ')}] needs ${formatBytes(bytes)}, over the ${formatBytes(limits.maxTensorBytes)} limit per tensor`, { tensor: what });
  }
  return count;
}

function fromRaw(raw: Uint8Array, type: ElementType, count: number, owned: boolean): TensorData {
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  // Copy (new Uint8Array, not Buffer#slice, which shares memory): raw_data views the caller's file and may be
  // unaligned. Bytes the reader owns (read for this tensor alone) are viewed in place when aligned.
  const aligned = owned && raw.byteOffset % 4 === 0;
  switch (type.name) {
    case 'FLOAT':
      return aligned ? new Float32Array(raw.buffer, raw.byteOffset, count) : new Float32Array(new Uint8Array(raw).buffer, 0, count);
    case 'INT32':
      return aligned ? new Int32Array(raw.buffer, raw.byteOffset, count) : new Int32Array(new Uint8Array(raw).buffer, 0, count);
    case 'BOOL':
      return Uint8Array.from(raw, (b) => (b ? 1 : 0));
    case 'DOUBLE':
      return Float32Array.from({ length: count }, (_, i) => view.getFloat64(i * 8, true));
    default: {
      const out = new Int32Array(count);
      for (let i = 0; i < count; i++) out[i] = clampInt64(view.getBigInt64(i * 8, true));
      return out;
    }
  }
}

/** int64 values run as int32: the only large ones in practice are "to the end" markers (INT64_MAX), so saturate. */
function clampInt64(v: bigint | number): number {
  const n = typeof v === 'bigint' ? Number(v) : v;
  return Math.max(-(2 ** 31), Math.min(2 ** 31 - 1, n));
}

function fromFields(t: TensorProtoMessage, type: ElementType): TensorData {
  switch (type.name) {
    case 'FLOAT':
      return Float32Array.from(t.float_data ?? []);
    case 'DOUBLE':
      return Float32Array.from(t.double_data ?? []);
    case 'INT32':
      return Int32Array.from(t.int32_data ?? []);
    case 'BOOL':
      return Uint8Array.from(t.int32_data ?? [], (b) => (b ? 1 : 0));
    default:
      return Int32Array.from(t.int64_data ?? [], (v) => clampInt64(typeof v === 'number' ? v : v.toNumber()));
  }
}

/**
 * Decodes a TensorProto: checks its element type, dims and size against `limits` first, then copies the
 * values out of raw_data or the typed fields. `ownsRawData`: raw_data is the reader's own memory, not the
 * caller's file, so aligned FLOAT and INT32 data is used in place. Errors name the tensor (`what`).
 */
export function readTensorProto(t: TensorProtoMessage, what: string, limits: OnnxLimits, ownsRawData = false): OnnxTensor {
  const { dtype, type } = runtimeDtype(t.data_type, what);
  const dims = (t.dims ?? []).map((d) => int64(d, `a dimension of ${what}`));
  const count = checkedElementCount(dims, type.bytes, limits, what);
  if (t.data_location === 1 || (t.external_data?.length ?? 0) > 0) {
    throw new OnnxImportError('UNSUPPORTED_FEATURE', `${what} keeps its data in an external file; only self-contained .onnx files can be imported`, { tensor: what });
  }
  if (t.segment) throw new OnnxImportError('UNSUPPORTED_FEATURE', `${what} is a segment of a larger tensor`, { tensor: what });
  const raw = t.raw_data;
  let data: TensorData;
  if (raw && raw.byteLength > 0) {
    const expected = count * type.bytes;
    if (raw.byteLength !== expected) {
      const code = raw.byteLength < expected ? 'TRUNCATED' : 'BAD_SHAPE';
      throw new OnnxImportError(code, `${what} [${dims.join(', ')}] ${type.name} needs ${expected} bytes of raw data but holds ${raw.byteLength}`, { tensor: what });
    }
    data = fromRaw(raw, type, count, ownsRawData);
  } else {
    data = fromFields(t, type);
    if (data.length !== count) {
      const code = data.length < count ? 'TRUNCATED' : 'BAD_SHAPE';
      throw new OnnxImportError(code, `${what} [${dims.join(', ')}] declares ${count} values but holds ${data.length}`, { tensor: what });
    }
  }
  return { name: t.name ?? '', dtype, sourceType: type.name, dims, data };
}
