import { int64, type Int64 } from './onnx-proto';
import { OnnxImportError } from './onnx-import-error';
import type { OnnxLimits } from './onnx-limits';
import type { OnnxAttribute, OnnxGraphBody, OnnxNode } from './onnx-model';
import { readTensorProto, type TensorProtoMessage } from './tensor-proto';

/** The AttributeProto fields we read. */
export interface AttributeProtoMessage {
  name?: string;
  type?: number;
  f?: number;
  i?: Int64;
  s?: Uint8Array;
  t?: TensorProtoMessage;
  floats?: number[];
  ints?: Int64[];
  strings?: Uint8Array[];
  g?: unknown;
}

const TYPE_NAMES: Record<number, string> = { 5: 'GRAPH', 9: 'TENSORS', 10: 'GRAPHS', 11: 'SPARSE_TENSOR', 12: 'SPARSE_TENSORS', 13: 'TYPE_PROTO', 14: 'TYPE_PROTOS' };
// protobufjs leaves an unset bytes field as its prototype default (an empty array), not a Uint8Array.
const text = (bytes: Uint8Array | undefined): string => (bytes instanceof Uint8Array ? new TextDecoder().decode(bytes) : '');

/** Normalises one attribute; `where` names the node for errors. Old files may leave `type` unset: then the filled field decides. */
export function readAttribute(a: AttributeProtoMessage, where: string, limits: OnnxLimits): OnnxAttribute {
  const what = `attribute '${a.name ?? ''}' of ${where}`;
  let type = a.type ?? 0;
  if (type === 0) {
    if ((a.ints?.length ?? 0) > 0) type = 7;
    else if ((a.floats?.length ?? 0) > 0) type = 6;
    else if ((a.strings?.length ?? 0) > 0) type = 8;
    else if (a.t) type = 4;
    else if (a.s && a.s.byteLength > 0) type = 3;
    else if (a.f !== undefined && a.f !== 0) type = 1;
    else type = 2;
  }
  switch (type) {
    case 1:
      return { kind: 'float', value: a.f ?? 0 };
    case 2:
      return { kind: 'int', value: int64(a.i, what) };
    case 3:
      return { kind: 'string', value: text(a.s) };
    case 4:
      if (!a.t) throw new OnnxImportError('BAD_ATTRIBUTE', `${what} is a TENSOR attribute without a tensor`, { node: where });
      return { kind: 'tensor', value: readTensorProto(a.t, what, limits) };
    case 6:
      return { kind: 'floats', value: [...(a.floats ?? [])] };
    case 7:
      return { kind: 'ints', value: (a.ints ?? []).map((v) => int64(v, what)) };
    case 8:
      return { kind: 'strings', value: (a.strings ?? []).map(text) };
    default:
      return { kind: 'other', type: TYPE_NAMES[type] ?? `type ${type}` };
  }
}

type Kind = OnnxAttribute['kind'];
type ValueOf<K extends Kind> = Extract<OnnxAttribute, { kind: K }> extends { value: infer V } ? V : never;

function get<K extends Kind>(node: OnnxNode, name: string, kind: K): ValueOf<K> | undefined {
  const a = node.attributes.get(name);
  if (a === undefined) return undefined;
  if (a.kind !== kind) {
    throw new OnnxImportError('BAD_ATTRIBUTE', `${node.label}: attribute '${name}' is ${a.kind === 'other' ? a.type : a.kind}, expected ${kind}`, { node: node.label });
  }
  return (a as unknown as { value: ValueOf<K> }).value;
}

/** Typed attribute accessors that throw BAD_ATTRIBUTE naming the node when an attribute has the wrong type. */
export const attr = {
  int: (node: OnnxNode, name: string, fallback: number): number => get(node, name, 'int') ?? fallback,
  float: (node: OnnxNode, name: string, fallback: number): number => get(node, name, 'float') ?? fallback,
  string: (node: OnnxNode, name: string, fallback: string): string => get(node, name, 'string') ?? fallback,
  ints: (node: OnnxNode, name: string): number[] | undefined => get(node, name, 'ints'),
  floats: (node: OnnxNode, name: string): number[] | undefined => get(node, name, 'floats'),
  optionalFloat: (node: OnnxNode, name: string): number | undefined => get(node, name, 'float'),
  graph: (node: OnnxNode, name: string): OnnxGraphBody | undefined => get(node, name, 'graph'),
  has: (node: OnnxNode, name: string): boolean => node.attributes.has(name),
};

/** Throws BAD_ATTRIBUTE naming the node: `${node.label}: ${problem}`. */
export function badAttribute(node: OnnxNode, problem: string): never {
  throw new OnnxImportError('BAD_ATTRIBUTE', `${node.label}: ${problem}`, { node: node.label });
}

/** Throws BAD_SHAPE naming the node. */
export function badShape(node: OnnxNode, problem: string): never {
  throw new OnnxImportError('BAD_SHAPE', `${node.label}: ${problem}`, { node: node.label });
}
