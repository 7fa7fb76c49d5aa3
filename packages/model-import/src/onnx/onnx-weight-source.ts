import type { ConvWeights } from '@branchscope/core';
import type { BatchNormParams, DenseWeights, WeightSource } from '@branchscope/runtime';

/** How to build one layer's parameters from the model's constants; run once, on first request. */
export type LayerParams =
  | { op: 'conv'; weights: () => ConvWeights; bias: () => Float32Array }
  | { op: 'dense'; weights: () => DenseWeights; bias: () => Float32Array }
  | { op: 'batchnorm'; params: () => BatchNormParams };

/**
 * A WeightSource over an imported model's initializers, keyed by graph layer name. Arrays are built on first
 * request and cached (callers must not mutate them), so asking only for conv layers never copies the dense ones.
 */
export function onnxWeightSource(graphName: string, layers: ReadonlyMap<string, LayerParams>): WeightSource {
  const cache = new Map<string, unknown>();
  const layer = <K extends LayerParams['op']>(name: string, op: K): Extract<LayerParams, { op: K }> => {
    const p = layers.get(name);
    if (!p) throw new Error(`ONNX weights of '${graphName}': no parameterised layer '${name}'`);
    if (p.op !== op) throw new Error(`ONNX weights of '${graphName}': layer '${name}' is a ${p.op}, not a ${op}`);
    return p as Extract<LayerParams, { op: K }>;
  };
  const cached = <T>(key: string, make: () => T): T => {
    if (!cache.has(key)) cache.set(key, make());
    return cache.get(key) as T;
  };
  return {
    conv: (name) => cached(`conv:${name}`, layer(name, 'conv').weights),
    convBias: (name) => cached(`convBias:${name}`, layer(name, 'conv').bias),
    dense: (name) => cached(`dense:${name}`, layer(name, 'dense').weights),
    denseBias: (name) => cached(`denseBias:${name}`, layer(name, 'dense').bias),
    batchnorm: (name) => cached(`batchnorm:${name}`, layer(name, 'batchnorm').params),
  };
}
