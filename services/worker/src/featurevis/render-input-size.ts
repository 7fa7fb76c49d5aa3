import type { Graph } from '@branchscope/core';

/**
 * The input height and width to render `layer` at. Convolutional paths take any size, so the model sees the
 * rendered size (as in Lucid); a layer behind a dense layer needs the graph's own input size, and the rendered
 * image is then padded or cropped to it.
 */
export function renderInputSize(graph: Graph, layer: string, size: number): [number, number] {
  const byName = new Map(graph.nodes.map((node) => [node.name, node]));
  const stack = [layer];
  const seen = new Set<string>();
  while (stack.length > 0) {
    const node = byName.get(stack.pop()!);
    if (!node || seen.has(node.name)) continue;
    seen.add(node.name);
    if (node.op === 'dense' || node.op === 'flatten') return [graph.inputShape[1], graph.inputShape[2]];
    stack.push(...node.inputs);
  }
  return [size, size];
}
