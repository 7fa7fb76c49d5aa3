/** Plain NodeDef objects for GraphDef fixtures, in the shape `encodeGraphDef` (protobufjs `fromObject`) takes. */

export type AttrObject = Record<string, unknown>;

export interface NodeObject {
  name: string;
  op: string;
  input?: string[];
  attr?: Record<string, AttrObject>;
}

export const DT_FLOAT = 1;
export const DT_INT32 = 3;

export const str = (value: string): AttrObject => ({ s: new TextEncoder().encode(value) });
export const ints = (values: number[]): AttrObject => ({ list: { i: values } });
export const int = (value: number): AttrObject => ({ i: value });
export const float = (value: number): AttrObject => ({ f: value });
export const dtype = (value: number): AttrObject => ({ type: value });
export const shapeAttr = (dims: number[]): AttrObject => ({ shape: { dim: dims.map((size) => ({ size })) } });

/** A Const holding float32 values (raw little-endian tensor_content), or int32 values (int_val). */
export function constNode(name: string, shape: number[], values: Float32Array | Int32Array): NodeObject {
  const isFloat = values instanceof Float32Array;
  const tensor: Record<string, unknown> = { dtype: isFloat ? DT_FLOAT : DT_INT32, tensorShape: { dim: shape.map((size) => ({ size })) } };
  if (isFloat) tensor.tensorContent = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  else tensor.intVal = [...values];
  return { name, op: 'Const', attr: { dtype: dtype(isFloat ? DT_FLOAT : DT_INT32), value: { tensor } } };
}

export const placeholder = (name: string, dims?: number[]): NodeObject => ({
  name,
  op: 'Placeholder',
  attr: { dtype: dtype(DT_FLOAT), ...(dims ? { shape: shapeAttr(dims) } : {}) },
});

export const op = (name: string, type: string, input: string[], attr: Record<string, AttrObject> = {}): NodeObject => ({
  name,
  op: type,
  input,
  attr: { T: dtype(DT_FLOAT), ...attr },
});
