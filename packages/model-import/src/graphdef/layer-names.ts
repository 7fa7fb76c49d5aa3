import type { Graph, GraphNode } from '@branchscope/core';
import type { WeightSource } from '@branchscope/runtime';

/**
 * The layer name of a converted node, by the op scopes TensorFlow graphs put around a layer. Lucid's InceptionV1
 * (and the inception5h graph it comes from) writes a conv layer `X` as `X_pre_relu/conv` (Conv2D), `X_pre_relu`
 * (BiasAdd) and `X` (Relu), a dense one as `X/matmul` and `X` (BiasAdd), a flatten as `Y/reshape`:
 * - a conv is named after its scope without `_pre_relu` (`mixed3a_5x5_pre_relu/conv` -> `mixed3a_5x5`), a dense
 *   after its scope (`softmax2_pre_activation/matmul` -> `softmax2_pre_activation`), likewise `X/Conv2D`, `X/MatMul`;
 * - a flatten `Y/reshape` becomes `Y_flatten`;
 * - a node whose name a renamed layer now holds gets its op appended (the Relu `mixed3a_5x5` -> `mixed3a_5x5_relu`);
 * - every other node keeps its TensorFlow name.
 * These are the names core's built-in `inceptionv1` uses, so branches, unit ranges and label sets line up.
 */
function layerName(node: GraphNode): string | undefined {
  const scope = /^(.+)\/(conv|Conv2D|depthwise|matmul|MatMul|reshape|Reshape)$/.exec(node.name)?.[1];
  if (scope === undefined) return undefined;
  if (node.op === 'conv') return scope.replace(/_pre_relu$/, '');
  if (node.op === 'dense') return scope;
  if (node.op === 'flatten') return `${scope}_flatten`;
  return undefined;
}

/** New name of every node (TF name -> layer name), unique, by the rules of {@link layerName}. */
export function layerNames(graph: Graph): Map<string, string> {
  const wanted = new Map(graph.nodes.map((n) => [n.name, layerName(n)]));
  const taken = new Set([...wanted.values()].filter((v): v is string => v !== undefined));
  const names = new Map<string, string>();
  const used = new Set<string>();
  const claim = (from: string, base: string): void => {
    let name = base;
    for (let i = 1; used.has(name); i++) name = `${base}_${i}`;
    names.set(from, name);
    used.add(name);
  };
  for (const node of graph.nodes) {
    const renamed = wanted.get(node.name);
    if (renamed !== undefined) claim(node.name, renamed);
  }
  for (const node of graph.nodes) {
    if (wanted.get(node.name) === undefined) claim(node.name, taken.has(node.name) ? `${node.name}_${node.op}` : node.name);
  }
  return names;
}

/** `graph` and `weights` with every node renamed by `names` (old -> new); weights are looked up under the old names. */
export function renameLayers(graph: Graph, weights: WeightSource, names: ReadonlyMap<string, string>): { graph: Graph; weights: WeightSource } {
  const to = (name: string): string => names.get(name) ?? name;
  const from = new Map([...names].map(([old, renamed]) => [renamed, old]));
  const back = (layer: string): string => from.get(layer) ?? layer;
  const nodes: GraphNode[] = graph.nodes.map((n) => ({ ...n, name: to(n.name), inputs: n.inputs.map(to) }));
  return {
    graph: { ...graph, nodes, output: to(graph.output) },
    weights: {
      conv: (layer) => weights.conv(back(layer)),
      convBias: (layer) => weights.convBias(back(layer)),
      dense: (layer) => weights.dense(back(layer)),
      denseBias: (layer) => weights.denseBias(back(layer)),
      batchnorm: (layer) => weights.batchnorm(back(layer)),
    },
  };
}
