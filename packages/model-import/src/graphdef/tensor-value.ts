import type { RawWeight } from '../tfjs-import/read-tfjs-folder';
import { dtypeName, int64, type TensorMessage } from './graphdef-proto';
import { GraphDefImportError } from './graphdef-import-error';

/** Largest constant accepted, in values (2^31: a Float32Array's practical bound). */
const MAX_VALUES = 2 ** 31;

const DTYPE = { FLOAT: 1, DOUBLE: 2, INT32: 3, INT64: 9 } as const;
const BYTES: Record<number, number> = { [DTYPE.FLOAT]: 4, [DTYPE.DOUBLE]: 8, [DTYPE.INT32]: 4, [DTYPE.INT64]: 8 };

/** Reads `count` little-endian values of `dtype` from TensorFlow's raw tensor_content. */
function fromContent(bytes: Uint8Array, dtype: number, count: number): Float32Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Float32Array(count);
  if (dtype === DTYPE.FLOAT) for (let i = 0; i < count; i++) out[i] = view.getFloat32(i * 4, true);
  else if (dtype === DTYPE.DOUBLE) for (let i = 0; i < count; i++) out[i] = view.getFloat64(i * 8, true);
  else if (dtype === DTYPE.INT32) for (let i = 0; i < count; i++) out[i] = view.getInt32(i * 4, true);
  else for (let i = 0; i < count; i++) out[i] = Number(view.getBigInt64(i * 8, true));
  return out;
}

/** The typed value list of `dtype`; TensorFlow repeats the last value to fill the shape (none: zeros). */
function fromValues(t: TensorMessage, dtype: number, count: number, at: string): Float32Array {
  const values: ArrayLike<number> =
    dtype === DTYPE.FLOAT ? (t.floatVal ?? []) : dtype === DTYPE.DOUBLE ? (t.doubleVal ?? []) : dtype === DTYPE.INT32 ? (t.intVal ?? []) : (t.int64Val ?? []).map(int64);
  if (values.length > count) throw new GraphDefImportError('BAD_SHAPE', `${at} lists ${values.length} values for a shape of ${count}`);
  const out = new Float32Array(count);
  out.set(values as ArrayLike<number>);
  if (values.length > 0) out.fill(values[values.length - 1]!, values.length);
  return out;
}

/**
 * A Const's tensor as a weight: its shape and its values as float32 (doubles rounded, int32 and int64 exact below
 * 2^24, which covers the shapes and axes graphs hold as integers). `at` names the node for messages.
 */
export function tensorValue(t: TensorMessage, at: string): RawWeight {
  const dtype = t.dtype ?? 0;
  if (!(dtype in BYTES)) throw new GraphDefImportError('UNSUPPORTED_DTYPE', `${at} holds a ${dtypeName(dtype)} tensor; only DT_FLOAT, DT_DOUBLE, DT_INT32 and DT_INT64 are read`);
  if (t.tensorShape?.unknownRank) throw new GraphDefImportError('BAD_SHAPE', `${at} holds a tensor of unknown rank`);
  const shape = (t.tensorShape?.dim ?? []).map((d) => int64(d.size));
  if (shape.some((d) => !Number.isSafeInteger(d) || d < 0)) throw new GraphDefImportError('BAD_SHAPE', `${at} holds a tensor of shape [${shape.join(',')}]`);
  const count = shape.reduce((a, d) => a * d, 1);
  if (count > MAX_VALUES) throw new GraphDefImportError('BAD_SHAPE', `${at} holds ${count} values, over the limit of ${MAX_VALUES}`);
  const content = t.tensorContent;
  if (!content || content.length === 0) return { shape, data: fromValues(t, dtype, count, at) };
  const need = count * BYTES[dtype]!;
  if (content.byteLength < need) throw new GraphDefImportError('TRUNCATED', `${at} holds ${content.byteLength} bytes of ${dtypeName(dtype)} for shape [${shape.join(',')}], which needs ${need}`);
  if (content.byteLength > need) throw new GraphDefImportError('BAD_SHAPE', `${at} holds ${content.byteLength} bytes of ${dtypeName(dtype)}, more than the ${need} its shape [${shape.join(',')}] needs`);
  return { shape, data: fromContent(content, dtype, count) };
}
