import { connectionBetween, type BranchedBlock, type Graph, type GraphNode } from '@branchscope/core';
import { isFirstConv } from '@branchscope/jobs';

/** Two layers of a model: `from` feeds the conv `to` through nothing but channel-preserving ops. */
export interface LayerPair {
  from: string;
  to: string;
}

/**
 * Ops a first layer's units pass through, each unit staying one channel, on their way to the next conv: ReLU and
 * the other elementwise activations (ReLU6 as clip, sigmoid, hard sigmoid, hard swish, SiLU), LRN, pooling, batch
 * norm and its folded form (a constant per-channel scale and shift), dropout.
 */
const PASS_THROUGH: ReadonlySet<string> = new Set([
  'relu',
  'clip',
  'sigmoid',
  'hardsigmoid',
  'hardswish',
  'silu',
  'lrn',
  'maxpool',
  'avgpool',
  'batchnorm',
  'affine',
  'dropout',
]);

/**
 * The model's first layer: its one first conv (a conv fed by the input), or, when several first convs run in
 * parallel, the Concat block that joins them, each of its branches one of them. Null for anything else.
 */
export function firstLayer(graph: Graph, blocks: readonly BranchedBlock[]): string | null {
  const firsts = graph.nodes.filter((node) => isFirstConv(graph, node.name)).map((node) => node.name);
  if (firsts.length === 1) return firsts[0]!;
  if (firsts.length < 2) return null;
  const split = blocks.find(
    (block) =>
      block.kind === 'concat' &&
      block.branches.length === firsts.length &&
      block.branches.every((branch) => branch.layers.length === 1 && firsts.includes(branch.layers[0]!)),
  );
  return split?.output ?? null;
}

/**
 * The one conv that `from`'s output reaches through pass-through ops (activations, LRN, pooling, batch norm,
 * dropout) and nothing else; null when it reaches none, several, or another kind of layer (a Concat, an Add, a dense layer).
 */
export function nextConv(graph: Graph, from: string): string | null {
  const consumers = new Map<string, GraphNode[]>();
  for (const node of graph.nodes) {
    for (const input of node.inputs) consumers.set(input, [...(consumers.get(input) ?? []), node]);
  }
  const convs = new Set<string>();
  const seen = new Set<string>();
  const stack = [from];
  while (stack.length > 0) {
    for (const node of consumers.get(stack.pop()!) ?? []) {
      if (seen.has(node.name)) continue;
      seen.add(node.name);
      if (node.op === 'conv') convs.add(node.name);
      else if (PASS_THROUGH.has(node.op)) stack.push(node.name);
      else return null;
    }
  }
  if (convs.size !== 1) return null;
  const [to] = convs;
  try {
    connectionBetween(graph, from, to!);
  } catch {
    return null;
  }
  return to!;
}

/**
 * The model's first layer and the conv it feeds next (BVLC AlexNet: conv1 → conv2), whose |W| the AlexNet view
 * factors and whose `from` filters it draws; null when the model has no single such pair.
 */
export function firstLayerPair(graph: Graph, blocks: readonly BranchedBlock[]): LayerPair | null {
  const from = firstLayer(graph, blocks);
  const to = from === null ? null : nextConv(graph, from);
  return from !== null && to !== null ? { from, to } : null;
}
