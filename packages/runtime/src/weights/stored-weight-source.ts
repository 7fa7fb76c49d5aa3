import type { ConvWeights } from '@branchscope/core';
import type { IndexEntry, Span, WeightsIndex } from './weights-layout';
import type { BatchNormParams, DenseWeights, WeightSource } from './weight-source';

/**
 * A WeightSource over the data section of a serialized weights blob, read into one aligned Float32Array: every
 * method returns views into `values` (callers must not mutate them). Methods throw naming the layer when it is
 * unknown, of another op, or points outside the data.
 */
export function storedWeightSource(values: Float32Array, index: WeightsIndex, owner: string): WeightSource {
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

/** Whether this machine stores floats little-endian, as the blob does (then arrays are copied byte for byte). */
export const LITTLE_ENDIAN_HOST = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Turns little-endian float bytes in place into this host's order (nothing to do on a little-endian host). */
export function fromLittleEndian(values: Float32Array): Float32Array {
  if (LITTLE_ENDIAN_HOST) return values;
  const view = new DataView(values.buffer, values.byteOffset, values.byteLength);
  for (let i = 0; i < values.length; i++) values[i] = view.getFloat32(i * 4, true);
  return values;
}
