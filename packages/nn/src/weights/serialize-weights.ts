import type { ConvWeights, Graph } from '@branchscope/core';
import type { BatchNormParams, DenseWeights, WeightSource } from './weight-source';

/** First bytes of a serialized weights file. */
export const WEIGHTS_MAGIC = 'BSWEIGHT';
/** Bumped when the layout changes; {@link deserializeWeights} refuses versions it does not know. */
export const WEIGHTS_FORMAT_VERSION = 1;

/** Where one array lies in the data section: [offset, length], both in float32 values. */
type Span = [number, number];

type IndexEntry =
  | { name: string; op: 'conv'; shape: ConvWeights['shape']; group: number; weights: Span; bias?: Span }
  | { name: string; op: 'dense'; shape: [number, number]; weights: Span; bias: Span }
  | { name: string; op: 'batchnorm'; epsilon: number; scale: Span; bias: Span; mean: Span; variance: Span };

interface WeightsIndex {
  graph: string;
  /** Float32 values in the data section. */
  floats: number;
  layers: IndexEntry[];
}

const HEADER_BYTES = 16; // magic (8) + version (4) + index length (4)
const product = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);
const littleEndianHost = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * Every parameterised layer of `graph` (conv, dense, batchnorm) read from `weights` into one binary blob:
 * `BSWEIGHT`, version (u32 LE), JSON index length (u32 LE), the JSON index (layer names, shapes, offsets),
 * zero padding to a 4-byte boundary, then the float32 values, little-endian. Conv biases are stored only
 * where the layer has one. Reading it back with {@link deserializeWeights} gives the same values bit for bit.
 * @throws Error naming the layer whose arrays do not match their declared shape.
 */
export function serializeWeights(graph: Graph, weights: WeightSource): Uint8Array {
  const arrays: Float32Array[] = [];
  let floats = 0;
  const put = (layer: string, what: string, data: Float32Array, expected: number): Span => {
    if (data.length !== expected) throw new Error(`serializeWeights: ${what} of layer '${layer}' has ${data.length} values, expected ${expected}`);
    arrays.push(data);
    const span: Span = [floats, data.length];
    floats += data.length;
    return span;
  };
  const layers: IndexEntry[] = [];
  for (const node of graph.nodes) {
    if (node.op === 'conv') {
      const w = weights.conv(node.name);
      const entry: IndexEntry = { name: node.name, op: 'conv', shape: [...w.shape], group: w.group, weights: put(node.name, 'conv weights', w.data, product(w.shape)) };
      if (node.conv?.bias) entry.bias = put(node.name, 'conv bias', weights.convBias(node.name), w.shape[0]);
      layers.push(entry);
    } else if (node.op === 'dense') {
      const w = weights.dense(node.name);
      const span = put(node.name, 'dense weights', w.data, product(w.shape));
      layers.push({ name: node.name, op: 'dense', shape: [...w.shape], weights: span, bias: put(node.name, 'dense bias', weights.denseBias(node.name), w.shape[0]) });
    } else if (node.op === 'batchnorm') {
      const p = weights.batchnorm(node.name);
      const n = p.scale.length;
      const [scale, bias, mean, variance] = (['scale', 'bias', 'mean', 'variance'] as const).map((k) => put(node.name, `batchnorm ${k}`, p[k], n));
      layers.push({ name: node.name, op: 'batchnorm', epsilon: p.epsilon, scale: scale!, bias: bias!, mean: mean!, variance: variance! });
    }
  }
  const index = new TextEncoder().encode(JSON.stringify({ graph: graph.name, floats, layers } satisfies WeightsIndex));
  const dataStart = Math.ceil((HEADER_BYTES + index.length) / 4) * 4;
  const out = new Uint8Array(dataStart + floats * 4);
  const view = new DataView(out.buffer);
  out.set(new TextEncoder().encode(WEIGHTS_MAGIC), 0);
  view.setUint32(8, WEIGHTS_FORMAT_VERSION, true);
  view.setUint32(12, index.length, true);
  out.set(index, HEADER_BYTES);
  let offset = dataStart;
  for (const data of arrays) {
    if (littleEndianHost) out.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), offset);
    else for (let i = 0; i < data.length; i++) view.setFloat32(offset + i * 4, data[i]!, true);
    offset += data.byteLength;
  }
  return out;
}

function readIndex(bytes: Uint8Array, owner: string): { index: WeightsIndex; dataStart: number } {
  if (bytes.length < HEADER_BYTES || new TextDecoder().decode(bytes.subarray(0, 8)) !== WEIGHTS_MAGIC) {
    throw new Error(`${owner}: not a branchscope weights blob (no '${WEIGHTS_MAGIC}' header in ${bytes.length} bytes)`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(8, true);
  if (version !== WEIGHTS_FORMAT_VERSION) throw new Error(`${owner}: weights format version ${version}; this code reads version ${WEIGHTS_FORMAT_VERSION}`);
  const indexLength = view.getUint32(12, true);
  if (HEADER_BYTES + indexLength > bytes.length) throw new Error(`${owner}: truncated: the index needs ${indexLength} bytes, the blob has ${bytes.length - HEADER_BYTES} after its header`);
  let index: WeightsIndex;
  try {
    index = JSON.parse(new TextDecoder().decode(bytes.subarray(HEADER_BYTES, HEADER_BYTES + indexLength))) as WeightsIndex;
  } catch (error) {
    throw new Error(`${owner}: the weights index is not valid JSON: ${(error as Error).message}`);
  }
  const dataStart = Math.ceil((HEADER_BYTES + indexLength) / 4) * 4;
  const expected = dataStart + index.floats * 4;
  if (bytes.length !== expected) throw new Error(`${owner}: ${bytes.length < expected ? 'truncated' : 'trailing bytes'}: the index declares ${index.floats} floats (${expected} bytes in all), the blob has ${bytes.length}`);
  return { index, dataStart };
}

/**
 * A WeightSource over a blob written by {@link serializeWeights}. The values are copied once into one aligned
 * Float32Array; every method returns views into it (callers must not mutate them). `owner` names the blob in
 * messages (e.g. `model 'x' weights`).
 * @throws Error naming the problem when the header, version, index or length is wrong; the methods throw naming
 * the layer when it is unknown or of another op.
 */
export function deserializeWeights(bytes: Uint8Array, owner = 'weights blob'): WeightSource {
  const { index, dataStart } = readIndex(bytes, owner);
  let values: Float32Array;
  if (littleEndianHost) {
    values = new Float32Array(bytes.buffer.slice(bytes.byteOffset + dataStart, bytes.byteOffset + bytes.length));
  } else {
    const view = new DataView(bytes.buffer, bytes.byteOffset + dataStart, index.floats * 4);
    values = Float32Array.from({ length: index.floats }, (_, i) => view.getFloat32(i * 4, true));
  }
  const at = (layer: string, [offset, length]: Span): Float32Array => {
    if (!(offset >= 0 && length >= 0 && offset + length <= values.length)) throw new Error(`${owner}: layer '${layer}' points outside the data (${offset} + ${length} > ${values.length})`);
    return values.subarray(offset, offset + length);
  };
  const byName = new Map(index.layers.map((entry) => [entry.name, entry]));
  const layer = <K extends IndexEntry['op']>(name: string, op: K): Extract<IndexEntry, { op: K }> => {
    const entry = byName.get(name);
    if (!entry) throw new Error(`${owner} (graph '${index.graph}'): no parameterised layer '${name}'`);
    if (entry.op !== op) throw new Error(`${owner} (graph '${index.graph}'): layer '${name}' is a ${entry.op}, not a ${op}`);
    return entry as Extract<IndexEntry, { op: K }>;
  };
  return {
    conv(name: string): ConvWeights {
      const e = layer(name, 'conv');
      return { shape: e.shape, group: e.group, data: at(name, e.weights) };
    },
    convBias(name: string): Float32Array {
      const e = layer(name, 'conv');
      return e.bias ? at(name, e.bias) : new Float32Array(e.shape[0]);
    },
    dense(name: string): DenseWeights {
      const e = layer(name, 'dense');
      return { shape: e.shape, data: at(name, e.weights) };
    },
    denseBias: (name: string) => at(name, layer(name, 'dense').bias),
    batchnorm(name: string): BatchNormParams {
      const e = layer(name, 'batchnorm');
      return { scale: at(name, e.scale), bias: at(name, e.bias), mean: at(name, e.mean), variance: at(name, e.variance), epsilon: e.epsilon };
    },
  };
}
