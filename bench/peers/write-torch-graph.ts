/**
 * Writes a core Graph, up to one layer, with its weights, in the form bench/peers/featurevis_torch.py builds an
 * nn.Module from: graph.json (the layer's ancestors in topological order, ONNX attributes) and weights.bin
 * (float32 little-endian; each conv's weight and bias at the offsets named in graph.json).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Graph, GraphNode } from '@branchscope/core';
import type { WeightSource } from '@branchscope/runtime';

const TORCH_OPS = new Set(['input', 'conv', 'relu', 'maxpool', 'lrn', 'concat']);

/** The nodes `layer` depends on, in the graph's order. */
function ancestors(graph: Graph, layer: string): GraphNode[] {
  const byName = new Map(graph.nodes.map((n) => [n.name, n]));
  if (!byName.has(layer)) throw new Error(`write-torch-graph: graph '${graph.name}' has no layer '${layer}'`);
  const needed = new Set<string>();
  const visit = (name: string) => {
    if (needed.has(name)) return;
    needed.add(name);
    for (const i of byName.get(name)!.inputs) visit(i);
  };
  visit(layer);
  return graph.nodes.filter((n) => needed.has(n.name));
}

export function writeTorchGraph(folder: string, graph: Graph, weights: WeightSource, layer: string, size: number): void {
  const chunks: Float32Array[] = [];
  let offset = 0;
  const put = (data: Float32Array, shape: number[]) => {
    chunks.push(data);
    const at = offset;
    offset += data.length;
    return { offset: at, shape };
  };
  const nodes = ancestors(graph, layer).map((node) => {
    if (!TORCH_OPS.has(node.op)) throw new Error(`write-torch-graph: node '${node.name}' is a ${node.op}; the torch peer runs ${[...TORCH_OPS].join(', ')}`);
    const out: Record<string, unknown> = { name: node.name, op: node.op, inputs: node.inputs };
    if (node.conv) {
      const w = weights.conv(node.name);
      out.conv = node.conv;
      out.weight = put(w.data, [...w.shape]);
      if (node.conv.bias) out.bias = put(weights.convBias(node.name), [node.channels]);
    }
    if (node.pool) out.pool = node.pool;
    if (node.lrn) out.lrn = node.lrn;
    if (node.axis !== undefined) out.axis = node.axis;
    return out;
  });
  const bytes = new Uint8Array(offset * 4);
  const view = new DataView(bytes.buffer);
  let at = 0;
  for (const chunk of chunks) for (const v of chunk) view.setFloat32((at++) * 4, v, true);
  writeFileSync(path.join(folder, 'weights.bin'), bytes);
  writeFileSync(path.join(folder, 'graph.json'), JSON.stringify({ name: graph.name, layer, size, inputRange: graph.inputRange, nodes }));
}
