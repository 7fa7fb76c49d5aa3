import type { ConvWeights, Graph, GraphNode, NamedBranchRange } from '@branchscope/core';
import type { WeightSource } from '@branchscope/runtime';

/** A model's first conv layer as one set of filters, with the branches its units fall into. */
export interface FirstLayer {
  /** The layer the units belong to: the conv itself, or the Concat joining parallel first convs. */
  layer: string;
  /** OIHW weights of all its units (parallel convs concatenated in unit order). */
  weights: ConvWeights;
  /** Branches as unit ranges; empty for an unbranched first layer. */
  branches: NamedBranchRange[];
  /** The conv the first layer feeds (through pools, norms and activations), if any. */
  next?: string;
}

const PASS_THROUGH = new Set(['relu', 'lrn', 'maxpool', 'avgpool', 'batchnorm', 'dropout']);

function concatWeights(parts: ConvWeights[], where: string): ConvWeights {
  const [, inC, kh, kw] = parts[0]!.shape;
  for (const p of parts) {
    if (p.shape[1] !== inC || p.shape[2] !== kh || p.shape[3] !== kw || p.group !== 1) {
      throw new Error(`${where}: parallel first-layer convs differ in shape or are grouped; cannot report them as one layer`);
    }
  }
  const out = parts.reduce((n, p) => n + p.shape[0], 0);
  const data = new Float32Array(out * inC * kh * kw);
  let offset = 0;
  for (const p of parts) {
    data.set(p.data, offset);
    offset += p.data.length;
  }
  return { shape: [out, inC, kh, kw], group: 1, data };
}

/**
 * Finds the first layer of `graph`: either one conv on the input (branches then come from the groups of the
 * conv it feeds, as in AlexNet where conv2's groups split conv1's units) or parallel convs on the input joined
 * by a Concat (the four-branch first layer). Throws naming the graph when it has neither.
 */
export function firstLayer(graph: Graph, weights: WeightSource): FirstLayer {
  const input = graph.nodes[0]!.name;
  const consumers = (name: string): GraphNode[] => graph.nodes.filter((n) => n.inputs.includes(name));
  const firstConvs = consumers(input).filter((n) => n.op === 'conv');
  if (firstConvs.length === 0) throw new Error(`graph '${graph.name}': no conv reads the input '${input}'`);
  let layer: string;
  let w: ConvWeights;
  let branches: NamedBranchRange[] = [];
  if (firstConvs.length === 1) {
    layer = firstConvs[0]!.name;
    w = weights.conv(layer);
    if (w.group !== 1) throw new Error(`graph '${graph.name}': first conv '${layer}' is grouped; its groups see different input channels`);
  } else {
    const join = consumers(firstConvs[0]!.name).find((n) => n.op === 'concat');
    if (!join || !firstConvs.every((c) => join.inputs.includes(c.name))) {
      throw new Error(`graph '${graph.name}': parallel first convs ${firstConvs.map((c) => c.name).join(', ')} are not joined by one Concat`);
    }
    const ordered = join.inputs.map((name) => firstConvs.find((c) => c.name === name)!);
    layer = join.name;
    w = concatWeights(ordered.map((c) => weights.conv(c.name)), `graph '${graph.name}'`);
    let start = 0;
    branches = ordered.map((c) => {
      const range: [number, number] = [start, start + c.channels];
      start += c.channels;
      return { name: c.name, range };
    });
  }
  // Walk through activations, norms and pools to the conv that reads the first layer.
  let cursor = layer;
  let next: GraphNode | undefined;
  for (;;) {
    const after = consumers(cursor);
    next = after.find((n) => n.op === 'conv');
    const pass = after.find((n) => PASS_THROUGH.has(n.op));
    if (next || !pass || after.length !== 1) break;
    cursor = pass.name;
  }
  if (branches.length === 0 && next && next.conv!.group > 1) {
    const per = w.shape[0] / next.conv!.group;
    branches = Array.from({ length: next.conv!.group }, (_, g) => ({ name: `${next!.name}/group${g}`, range: [g * per, (g + 1) * per] as [number, number] }));
  }
  return { layer, weights: w, branches, ...(next ? { next: next.name } : {}) };
}
