import type { BranchedBlock, GraphNode } from '@branchscope/core';
import type { ModelRecord } from '@branchscope/store';

/** One graph node as the API shows it. `inputLayers` links to the views of the nodes feeding it. */
export interface LayerView {
  name: string;
  op: string;
  units: number;
  inputs: string[];
  inputLayers: LayerView[];
  kernel: number[] | null;
  strides: number[] | null;
  group: number | null;
}

export interface ModelView {
  id: string;
  name: string;
  family: string;
  inputShape: number[];
  layers: LayerView[];
  layerByName: ReadonlyMap<string, LayerView>;
  branchedBlocks: BranchedBlock[];
}

function layerView(node: GraphNode, byName: Map<string, LayerView>): LayerView {
  return {
    name: node.name,
    op: node.op,
    units: node.channels,
    inputs: node.inputs,
    // Nodes come in topological order, so every input already has its view.
    inputLayers: node.inputs.map((input) => byName.get(input)).filter((view): view is LayerView => view !== undefined),
    kernel: node.conv?.kernel ?? node.pool?.kernel ?? null,
    strides: node.conv?.strides ?? node.pool?.strides ?? null,
    group: node.conv?.group ?? null,
  };
}

/** The API's view of a stored model and its branched blocks. */
export function modelView(model: ModelRecord, blocks: BranchedBlock[]): ModelView {
  const byName = new Map<string, LayerView>();
  const layers = model.graph.nodes.map((node) => {
    const view = layerView(node, byName);
    byName.set(node.name, view);
    return view;
  });
  return {
    id: model.id,
    name: model.name,
    family: model.family,
    inputShape: [...model.graph.inputShape],
    layers,
    layerByName: byName,
    branchedBlocks: blocks,
  };
}
