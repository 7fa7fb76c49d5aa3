import type { Graph } from '@branchscope/core';
import { inferShapes } from '@branchscope/runtime';
import { buildGradientModel } from '@branchscope/ort-engine';
import { createOrtSession, type OrtSessionOptions } from '@branchscope/ort-engine';
import type { WeightSource } from '@branchscope/runtime';
import type { GradientFeatureModel, PlainTensor } from './gradient-feature-model';
import { ortFourierParam } from './ort-fourier-param';

export interface OrtFeatureModelOptions {
  /** Layers the objectives read; the generated graph stops at the last of them. */
  layers: readonly string[];
  /** One sample's [C, H, W] the render feeds (e.g. [3, 128, 128] for a 128 px render of a 224 px model). */
  inputShape: [number, number, number];
  /** Intra-op threads (default one per core). */
  threads?: number;
  /** Execution providers in order of preference (default ['cpu']). */
  providers?: string[];
}

/** The nodes `layers` depend on, so shapes are inferred only where a smaller render input still fits. */
function graphUpTo(graph: Graph, layers: readonly string[]): Graph {
  const byName = new Map(graph.nodes.map((n) => [n.name, n]));
  const needed = new Set<string>();
  const stack = [...layers];
  while (stack.length > 0) {
    const name = stack.pop()!;
    const node = byName.get(name);
    if (!node) throw new RangeError(`graph '${graph.name}' has no layer '${name}' to visualize`);
    if (needed.has(name)) continue;
    needed.add(name);
    stack.push(...node.inputs);
  }
  const nodes = graph.nodes.filter((n) => needed.has(n.name));
  return { ...graph, nodes, output: nodes[nodes.length - 1]!.name };
}

/**
 * The model part of a feature-visualization step in onnxruntime: a gradient graph generated from the model's own
 * graph (`buildGradientModel`: activations of `layers` and `grad:input` for the seeds, with the redirected-ReLU
 * switch) opened in onnxruntime-node. Rejects where onnxruntime-node cannot load, or names the op the generator
 * cannot differentiate.
 */
export async function ortGradientFeatureModel(graph: Graph, weights: WeightSource, options: OrtFeatureModelOptions): Promise<GradientFeatureModel> {
  const layers = [...options.layers];
  const sized = graphUpTo({ ...graph, inputShape: options.inputShape }, layers);
  const shapes = inferShapes(sized);
  const sessionOptions: OrtSessionOptions = { ...(options.threads ? { threads: options.threads } : {}), ...(options.providers ? { providers: options.providers } : {}) };
  // Two graphs: the redirected-ReLU blend costs every ReLU's backward extra ops, so steps after the redirect run a
  // graph without it. The redirect graph opens on its first use.
  const open = (redirect: boolean) => createOrtSession(buildGradientModel(sized, weights, { outputs: layers, inputShape: options.inputShape, redirect }), sessionOptions);
  const plain = await open(false);
  let redirected: ReturnType<typeof open> | undefined;
  const dimsOf = (layer: string, inputDims: readonly number[]): number[] => {
    const shape = shapes.get(layer);
    if (!shape || !layers.includes(layer)) throw new RangeError(`the onnxruntime model of '${graph.name}' has no layer ${layer} (it has: ${layers.join(', ')})`);
    const [, c, h, w] = inputDims;
    if (c !== options.inputShape[0] || h !== options.inputShape[1] || w !== options.inputShape[2]) {
      throw new RangeError(`the onnxruntime model of '${graph.name}' was built for [${options.inputShape.join(', ')}] inputs, got [${inputDims.slice(1).join(', ')}]`);
    }
    return [inputDims[0]!, ...shape];
  };
  return {
    layers,
    engine: `ort-${plain.providers[0]}`,
    activationDims: dimsOf,
    async run({ input, seeds, redirect }) {
      const feeds: Record<string, { data: Float32Array; dims: number[] } | number> = { input: { data: input.data, dims: [...input.dims] } };
      if (redirect) feeds.redirect = 1;
      for (const layer of layers) {
        const seed = seeds[layer];
        if (!seed) throw new RangeError(`no seed for layer ${layer} of the onnxruntime model of '${graph.name}'`);
        feeds[`seed:${layer}`] = { data: seed, dims: dimsOf(layer, input.dims) };
      }
      const session = redirect ? await (redirected ??= open(true)) : plain;
      const out = await session.run(feeds);
      const activations: Record<string, PlainTensor> = {};
      for (const layer of layers) activations[layer] = out[layer]!;
      return { activations, gradInput: out['grad:input']!.data };
    },
    openParameterization: (shape) => ortFourierParam(shape, sessionOptions),
    dispose() {
      void plain.release();
      void redirected?.then((session) => session.release());
    },
  };
}
