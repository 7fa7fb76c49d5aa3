import type { ConvWeights, Graph } from '@branchscope/core';
import type { WeightSource } from './weight-source';

/** First bytes of a serialized weights file. */
export const WEIGHTS_MAGIC = 'BSWEIGHT';
/** Bumped when the layout changes; readers refuse versions they do not know. */
export const WEIGHTS_FORMAT_VERSION = 1;
/** magic (8) + version (4) + index length (4) */
export const HEADER_BYTES = 16;

/** Where one array lies in the data section: [offset, length], both in float32 values. */
export type Span = [number, number];

export type IndexEntry =
  | { name: string; op: 'conv'; shape: ConvWeights['shape']; group: number; weights: Span; bias?: Span }
  | { name: string; op: 'dense'; shape: [number, number]; weights: Span; bias: Span }
  | { name: string; op: 'batchnorm'; epsilon: number; scale: Span; bias: Span; mean: Span; variance: Span };

export interface WeightsIndex {
  graph: string;
  /** Float32 values in the data section. */
  floats: number;
  layers: IndexEntry[];
}

const product = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

/**
 * The index of every parameterised layer of `graph` (conv, dense, batchnorm) and the arrays of `weights` in data
 * order. Conv biases are listed only where the layer has one.
 * @throws Error naming the layer whose arrays do not match their declared shape.
 */
export function layoutWeights(graph: Graph, weights: WeightSource): { index: WeightsIndex; arrays: Float32Array[] } {
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
  return { index: { graph: graph.name, floats, layers }, arrays };
}

/** Byte offset of the data section after a header and an index of `indexLength` bytes (4-byte aligned). */
export const dataStartOf = (indexLength: number): number => Math.ceil((HEADER_BYTES + indexLength) / 4) * 4;

/** The bytes before the data section: magic, version, index length, the JSON index, zero padding. */
export function encodeHead(index: WeightsIndex): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(index));
  const head = new Uint8Array(dataStartOf(json.length));
  const view = new DataView(head.buffer);
  head.set(new TextEncoder().encode(WEIGHTS_MAGIC), 0);
  view.setUint32(8, WEIGHTS_FORMAT_VERSION, true);
  view.setUint32(12, json.length, true);
  head.set(json, HEADER_BYTES);
  return head;
}

/** The index length a blob's first {@link HEADER_BYTES} declare, after checking its magic and version. */
export function readHeader(header: Uint8Array, totalBytes: number, owner: string): number {
  if (header.length < HEADER_BYTES || new TextDecoder().decode(header.subarray(0, 8)) !== WEIGHTS_MAGIC) {
    throw new Error(`${owner}: not a branchscope weights blob (no '${WEIGHTS_MAGIC}' header in ${totalBytes} bytes)`);
  }
  const view = new DataView(header.buffer, header.byteOffset, HEADER_BYTES);
  const version = view.getUint32(8, true);
  if (version !== WEIGHTS_FORMAT_VERSION) throw new Error(`${owner}: weights format version ${version}; this code reads version ${WEIGHTS_FORMAT_VERSION}`);
  const indexLength = view.getUint32(12, true);
  if (HEADER_BYTES + indexLength > totalBytes) throw new Error(`${owner}: truncated: the index needs ${indexLength} bytes, the blob has ${totalBytes - HEADER_BYTES} after its header`);
  return indexLength;
}

/** Parses the JSON index and checks the blob's length against the floats it declares. */
export function readIndex(json: Uint8Array, totalBytes: number, owner: string): { index: WeightsIndex; dataStart: number } {
  let index: WeightsIndex;
  try {
    index = JSON.parse(new TextDecoder().decode(json)) as WeightsIndex;
  } catch (error) {
    throw new Error(`${owner}: the weights index is not valid JSON: ${(error as Error).message}`);
  }
  const dataStart = dataStartOf(json.length);
  const expected = dataStart + index.floats * 4;
  if (totalBytes !== expected) throw new Error(`${owner}: ${totalBytes < expected ? 'truncated' : 'trailing bytes'}: the index declares ${index.floats} floats (${expected} bytes in all), the blob has ${totalBytes}`);
  return { index, dataStart };
}
