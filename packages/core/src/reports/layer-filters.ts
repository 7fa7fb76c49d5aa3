import type { ConvWeights, Graph, GraphNode } from '../graph/graph';
import { connectionBetween } from '../graph/connection-between';
import { graphIndex, nodeOf, type GraphIndex } from '../graph/graph-index';
import { CHANNEL_PRESERVING_OPS, traceProducer } from '../graph/trace-producer';

/** Whether `node` is a conv that sees the image: nothing but non-learned ops between it and the input. */
function isImageConv(index: GraphIndex, node: GraphNode): boolean {
  if (node.op !== 'conv') return false;
  const stack = [...node.inputs];
  const seen = new Set<string>();
  while (stack.length > 0) {
    const name = stack.pop()!;
    if (seen.has(name)) continue;
    seen.add(name);
    const upstream = index.byName.get(name);
    if (!upstream) continue;
    if (upstream.op === 'conv' || upstream.op === 'dense') return false;
    stack.push(...upstream.inputs);
  }
  return true;
}

/** The convs that see the image, in graph order. */
export function imageConvs(graph: Graph): string[] {
  const index = graphIndex(graph);
  return graph.nodes.filter((node) => isImageConv(index, node)).map((node) => node.name);
}

/**
 * The convs whose filters make up `layer`'s units, in unit order, when each unit is a filter on the image: the layer
 * is such a conv, or a channel Concat of them (a first layer of parallel convs). Otherwise a sentence saying why not.
 */
export function imageFilterParts(graph: Graph, layer: string): { parts: string[] } | { why: string } {
  const index = graphIndex(graph);
  const node = index.byName.get(layer);
  if (!node) return { why: `${graph.name} has no layer '${layer}'` };
  if (node.op === 'conv') {
    if (isImageConv(index, node)) return { parts: [layer] };
    return { why: `${layer} does not see the image (a conv lies before it), so its colour index is not in its weights: it needs its units' feature visualizations` };
  }
  if (node.op === 'concat' && (node.axis ?? 1) === 1) {
    const parts = node.inputs.map((input) => traceProducer(index, input));
    if (parts.every((p) => isImageConv(index, p))) return { parts: parts.map((p) => p.name) };
  }
  return { why: `${layer} is a ${node.op} layer whose units are not filters on the image, so its colour index is not in its weights` };
}

/**
 * The filters of `layer`'s units as one OIHW block (a Concat's parts joined in unit order), each seen as an image.
 * @throws Error naming the layer when its units are not filters on the image, or parts differ in shape or are grouped.
 */
export function layerFilters(graph: Graph, layer: string, conv: (name: string) => ConvWeights): ConvWeights {
  const found = imageFilterParts(graph, layer);
  if ('why' in found) throw new Error(found.why);
  const weights = found.parts.map((name) => conv(name));
  const [, inC, kh, kw] = weights[0]!.shape;
  for (const [i, w] of weights.entries()) {
    if (w.group !== 1) throw new Error(`${found.parts[i]} is a grouped conv on the image: its groups see different input channels, so its filters are not images`);
    if (w.shape[1] !== inC || w.shape[2] !== kh || w.shape[3] !== kw) {
      throw new Error(`${layer}: its parts ${found.parts.join(', ')} differ in filter shape, so they are not one set of filters`);
    }
  }
  if (weights.length === 1) return weights[0]!;
  const out = weights.reduce((n, w) => n + w.shape[0], 0);
  const data = new Float32Array(out * inC * kh * kw);
  let offset = 0;
  for (const w of weights) {
    data.set(w.data, offset);
    offset += w.data.length;
  }
  return { shape: [out, inC, kh, kw], group: 1, data };
}

/**
 * The model's first layer: its one conv on the image, or the Concat joining its parallel convs on the image (every
 * input of it one of them). Null for anything else (no conv on the image, or several not joined so).
 */
export function firstLayerOf(graph: Graph): string | null {
  const firsts = imageConvs(graph);
  if (firsts.length === 1) return firsts[0]!;
  if (firsts.length < 2) return null;
  const index = graphIndex(graph);
  const join = graph.nodes.find((node) => {
    if (node.op !== 'concat' || (node.axis ?? 1) !== 1) return false;
    const parts = node.inputs.map((input) => traceProducer(index, input).name);
    return parts.length === firsts.length && firsts.every((f) => parts.includes(f));
  });
  return join?.name ?? null;
}

/**
 * The one conv that `layer`'s output reaches through channel-preserving ops only (activations, LRN, pooling, batch
 * norm, dropout, a constant scale and shift) and nothing else; null when it reaches none, several, or another kind of
 * layer first (a Concat, an Add, a dense layer).
 */
export function nextConvOf(graph: Graph, layer: string): string | null {
  const index = graphIndex(graph);
  nodeOf(index, layer);
  const convs = new Set<string>();
  const seen = new Set<string>();
  const stack = [layer];
  while (stack.length > 0) {
    for (const name of index.consumers.get(stack.pop()!) ?? []) {
      if (seen.has(name)) continue;
      seen.add(name);
      const node = nodeOf(index, name);
      if (node.op === 'conv') convs.add(name);
      else if (CHANNEL_PRESERVING_OPS.has(node.op) && node.op !== 'globalavgpool') stack.push(name);
      else return null;
    }
  }
  if (convs.size !== 1) return null;
  const [to] = convs;
  try {
    connectionBetween(graph, layer, to!);
  } catch {
    return null;
  }
  return to!;
}
