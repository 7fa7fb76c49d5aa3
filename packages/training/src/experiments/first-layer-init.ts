import type { Graph } from '@branchscope/core';
import { seededWeights } from '@branchscope/runtime';
import type { WeightSource } from '@branchscope/runtime';

/**
 * Seeded He-normal weights with every conv that reads the input scaled by `scale`. With a small scale the
 * first layer's trained filters are what training put there rather than leftovers of the random start: in
 * CPU-sized runs (hundreds of steps, not AlexNet's 450k) He-scale first-layer noise still dominates at the end,
 * and a random RGB filter has a colour index near 2/3 whatever the task.
 */
export function scaledFirstLayerInit(graph: Graph, seed: number, scale: number): WeightSource {
  if (!(scale > 0 && Number.isFinite(scale))) throw new Error(`first-layer init scale must be positive and finite, got ${scale}`);
  const base = seededWeights(graph, seed);
  const input = graph.nodes[0]!.name;
  const first = new Set(graph.nodes.filter((n) => n.op === 'conv' && n.inputs.includes(input)).map((n) => n.name));
  const cache = new Map<string, ReturnType<WeightSource['conv']>>();
  return {
    ...base,
    conv(layer) {
      const w = base.conv(layer);
      if (!first.has(layer) || scale === 1) return w;
      if (!cache.has(layer)) cache.set(layer, { ...w, data: w.data.map((v) => v * scale) });
      return cache.get(layer)!;
    },
  };
}
