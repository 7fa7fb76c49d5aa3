import type { ConvWeights, Graph, GraphNode, OpKind } from '@branchscope/core';
import { inferShapes } from '../graph/infer-shapes';
import { fillNormal } from './prng';
import type { BatchNormParams, DenseWeights, WeightSource } from './weight-source';

const product = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

/**
 * Deterministic He-normal initialisation for `graph`: weights ~ N(0, 2 / fan_in) drawn from a PRNG keyed by
 * (seed, layer name), so a layer's values do not depend on the backend, on other layers or on the order
 * they are asked for. Biases are zero; batch norms are the identity (scale 1, bias 0, mean 0, variance 1).
 * Each layer is generated on first request and cached: asking only for conv layers never allocates
 * AlexNet's 37.7M-float fc6.
 */
export function seededWeights(graph: Graph, seed: number): WeightSource {
  if (!Number.isFinite(seed)) throw new Error(`seededWeights: seed must be a finite number, got ${seed}`);
  const shapes = inferShapes(graph);
  const nodes = new Map(graph.nodes.map((n) => [n.name, n]));
  const cache = new Map<string, unknown>();

  const node = (layer: string, op: OpKind): GraphNode => {
    const n = nodes.get(layer);
    if (!n) throw new Error(`seededWeights: graph '${graph.name}' has no layer '${layer}'`);
    if (n.op !== op) throw new Error(`seededWeights: layer '${layer}' of graph '${graph.name}' is a ${n.op}, not a ${op}`);
    return n;
  };
  const cached = <T>(key: string, make: () => T): T => {
    if (!cache.has(key)) cache.set(key, make());
    return cache.get(key) as T;
  };
  const inputSize = (n: GraphNode): number[] => shapes.get(n.inputs[0])!;

  return {
    conv(layer: string): ConvWeights {
      const n = node(layer, 'conv');
      return cached(`conv:${layer}`, () => {
        const a = n.conv!;
        const shape: ConvWeights['shape'] = [n.channels, inputSize(n)[0] / a.group, a.kernel[0], a.kernel[1]];
        const fanIn = shape[1] * shape[2] * shape[3];
        const data = fillNormal(new Float32Array(product(shape)), `${seed}/${layer}`, Math.sqrt(2 / fanIn));
        return { shape, group: a.group, data };
      });
    },
    convBias(layer: string): Float32Array {
      const n = node(layer, 'conv');
      return cached(`convBias:${layer}`, () => new Float32Array(n.channels));
    },
    dense(layer: string): DenseWeights {
      const n = node(layer, 'dense');
      return cached(`dense:${layer}`, () => {
        const shape: [number, number] = [n.channels, product(inputSize(n))];
        const data = fillNormal(new Float32Array(shape[0] * shape[1]), `${seed}/${layer}`, Math.sqrt(2 / shape[1]));
        return { shape, data };
      });
    },
    denseBias(layer: string): Float32Array {
      const n = node(layer, 'dense');
      return cached(`denseBias:${layer}`, () => new Float32Array(n.channels));
    },
    batchnorm(layer: string): BatchNormParams {
      const n = node(layer, 'batchnorm');
      return cached(`batchnorm:${layer}`, () => ({
        scale: new Float32Array(n.channels).fill(1),
        bias: new Float32Array(n.channels),
        mean: new Float32Array(n.channels),
        variance: new Float32Array(n.channels).fill(1),
        epsilon: 1e-5,
      }));
    },
  };
}
