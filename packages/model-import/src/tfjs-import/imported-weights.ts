import type { ConvWeights } from '@branchscope/core';
import type { BatchNormParams, DenseWeights, WeightSource } from '@branchscope/runtime';

/** Converted parameters keyed by graph node name, filled while a model is imported. */
export interface WeightTables {
  conv: Map<string, ConvWeights>;
  convBias: Map<string, Float32Array>;
  dense: Map<string, DenseWeights>;
  denseBias: Map<string, Float32Array>;
  batchnorm: Map<string, BatchNormParams>;
}

export const emptyWeightTables = (): WeightTables => ({
  conv: new Map(),
  convBias: new Map(),
  dense: new Map(),
  denseBias: new Map(),
  batchnorm: new Map(),
});

/** A {@link WeightSource} over converted tables; asking for a layer they lack throws, naming the model and the layer. */
export function importedWeights(tables: WeightTables, model: string): WeightSource {
  const get = <T>(table: Map<string, T>, kind: string, layer: string): T => {
    const value = table.get(layer);
    if (value === undefined) throw new Error(`imported model '${model}' has no ${kind} weights for layer '${layer}'`);
    return value;
  };
  return {
    conv: (layer) => get(tables.conv, 'conv', layer),
    convBias: (layer) => get(tables.convBias, 'conv bias', layer),
    dense: (layer) => get(tables.dense, 'dense', layer),
    denseBias: (layer) => get(tables.denseBias, 'dense bias', layer),
    batchnorm: (layer) => get(tables.batchnorm, 'batch norm', layer),
  };
}
