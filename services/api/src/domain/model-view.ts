import type { BranchedBlock, GraphNode } from '@branchscope/core';
import type { ModelRecord, WeightSpec } from '@branchscope/store';
import { firstLayerPair, type LayerPair } from './first-layer-pair';
import { viewKinds, type ViewKind } from './view-kinds';

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
  /** The weights descriptor as stored (the `weights` field describes it). */
  storedWeights: WeightSpec;
  firstLayerPair: LayerPair | null;
  /** The views that can show the model, decided by its structure. */
  views: ViewKind[];
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

/** The API's view of a stored model, its branched blocks and the views that can show it. */
export function modelView(model: ModelRecord, blocks: BranchedBlock[]): ModelView {
  const byName = new Map<string, LayerView>();
  const layers = model.graph.nodes.map((node) => {
    const view = layerView(node, byName);
    byName.set(node.name, view);
    return view;
  });
  const pair = firstLayerPair(model.graph, blocks);
  return {
    id: model.id,
    name: model.name,
    family: model.family,
    inputShape: [...model.graph.inputShape],
    layers,
    layerByName: byName,
    branchedBlocks: blocks,
    storedWeights: model.weights,
    firstLayerPair: pair,
    views: viewKinds(blocks, pair),
  };
}
