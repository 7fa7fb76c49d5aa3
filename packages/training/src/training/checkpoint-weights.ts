import type { ConvWeights } from '@branchscope/core';
import type { WeightSource } from '@branchscope/runtime';
import { readCheckpoint, type NamedArray } from './checkpoint';
import type { LayerInfo } from '@branchscope/runtime';

/** A WeightSource over named parameter arrays (`<layer>/weight`...) laid out as a TrainableModel names them. */
export function namedWeights(owner: string, layers: Record<string, LayerInfo>, tensors: Map<string, NamedArray>): WeightSource {
  const layer = <K extends LayerInfo['op']>(name: string, op: K): Extract<LayerInfo, { op: K }> => {
    const info = layers[name];
    if (!info) throw new Error(`${owner} has no layer '${name}'`);
    if (info.op !== op) throw new Error(`layer '${name}' of ${owner} is a ${info.op}, not a ${op}`);
    return info as Extract<LayerInfo, { op: K }>;
  };
  const get = (name: string): NamedArray => {
    const t = tensors.get(name);
    if (!t) throw new Error(`${owner} has no tensor '${name}'`);
    return t;
  };
  return {
    conv(name: string): ConvWeights {
      const { group } = layer(name, 'conv');
      const { shape, data } = get(`${name}/weight`);
      return { shape: shape as ConvWeights['shape'], group, data };
    },
    convBias(name: string): Float32Array {
      const info = layer(name, 'conv');
      return info.bias ? get(`${name}/bias`).data : new Float32Array(get(`${name}/weight`).shape[0]);
    },
    dense(name: string) {
      layer(name, 'dense');
      const { shape, data } = get(`${name}/weight`);
      return { shape: shape as [number, number], data };
    },
    denseBias: (name: string) => (layer(name, 'dense'), get(`${name}/bias`).data),
    batchnorm(name: string) {
      const { epsilon } = layer(name, 'batchnorm');
      const [scale, bias, mean, variance] = ['scale', 'bias', 'mean', 'variance'].map((k) => get(`${name}/${k}`).data);
      return { scale, bias, mean, variance, epsilon };
    },
  };
}

/**
 * The trained weights in `dir`'s latest checkpoint as a {@link WeightSource}, ready for `buildExecutable`,
 * |W| factors or feature visualization. Batch norms carry their running statistics. Throws naming the
 * directory when it holds no checkpoint.
 */
export async function checkpointWeights(dir: string): Promise<WeightSource> {
  const checkpoint = await readCheckpoint(dir);
  if (!checkpoint) throw new Error(`checkpointWeights: '${dir}' holds no checkpoint.json`);
  const { meta, tensors } = checkpoint;
  return namedWeights(`checkpoint '${dir}' (graph '${meta.graph.name}', epoch ${meta.epoch})`, meta.layers, tensors);
}
