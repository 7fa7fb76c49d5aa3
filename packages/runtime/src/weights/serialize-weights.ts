import type { Graph } from '@branchscope/core';
import { fromLittleEndian, LITTLE_ENDIAN_HOST, storedWeightSource } from './stored-weight-source';
import { encodeHead, HEADER_BYTES, layoutWeights, readHeader, readIndex, WEIGHTS_FORMAT_VERSION, WEIGHTS_MAGIC } from './weights-layout';
import type { WeightSource } from './weight-source';

export { WEIGHTS_FORMAT_VERSION, WEIGHTS_MAGIC };

/** A weights blob to write piece by piece: its size, and its bytes in order without ever joining them. */
export interface SerializedWeights {
  byteLength: number;
  /** Float32 values in the data section. */
  floats: number;
  /** The head (header and index), then each array's bytes; on a little-endian host the arrays themselves, no copy. */
  chunks(): Generator<Uint8Array>;
}

const littleEndianBytes = (data: Float32Array): Uint8Array => {
  if (LITTLE_ENDIAN_HOST) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  const out = new Uint8Array(data.byteLength);
  const view = new DataView(out.buffer);
  for (let i = 0; i < data.length; i++) view.setFloat32(i * 4, data[i]!, true);
  return out;
};

/**
 * The blob of {@link serializeWeights} as chunks, for streaming it to a file with no copy of the weights: what a
 * large model's import writes.
 * @throws Error naming the layer whose arrays do not match their declared shape.
 */
export function serializedWeights(graph: Graph, weights: WeightSource): SerializedWeights {
  const { index, arrays } = layoutWeights(graph, weights);
  const head = encodeHead(index);
  return {
    byteLength: head.byteLength + index.floats * 4,
    floats: index.floats,
    *chunks() {
      yield head;
      for (const data of arrays) if (data.length > 0) yield littleEndianBytes(data);
    },
  };
}

/**
 * Every parameterised layer of `graph` (conv, dense, batchnorm) read from `weights` into one binary blob:
 * `BSWEIGHT`, version (u32 LE), JSON index length (u32 LE), the JSON index (layer names, shapes, offsets),
 * zero padding to a 4-byte boundary, then the float32 values, little-endian. Conv biases are stored only
 * where the layer has one. Reading it back with {@link deserializeWeights} gives the same values bit for bit.
 * @throws Error naming the layer whose arrays do not match their declared shape.
 */
export function serializeWeights(graph: Graph, weights: WeightSource): Uint8Array {
  const serialized = serializedWeights(graph, weights);
  const out = new Uint8Array(serialized.byteLength);
  let offset = 0;
  for (const chunk of serialized.chunks()) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

/**
 * A WeightSource over a blob written by {@link serializeWeights}. The values are copied once into one aligned
 * Float32Array; every method returns views into it (callers must not mutate them). `owner` names the blob in
 * messages (e.g. `model 'x' weights`).
 * @throws Error naming the problem when the header, version, index or length is wrong; the methods throw naming
 * the layer when it is unknown or of another op.
 */
export function deserializeWeights(bytes: Uint8Array, owner = 'weights blob'): WeightSource {
  const indexLength = readHeader(bytes, bytes.length, owner);
  const { index, dataStart } = readIndex(bytes.subarray(HEADER_BYTES, HEADER_BYTES + indexLength), bytes.length, owner);
  const values = new Float32Array(bytes.buffer.slice(bytes.byteOffset + dataStart, bytes.byteOffset + bytes.length));
  return storedWeightSource(fromLittleEndian(values), index, owner);
}
