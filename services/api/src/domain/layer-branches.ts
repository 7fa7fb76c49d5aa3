import type { BranchedBlock, GraphNode, NamedBranchRange } from '@branchscope/core';
import type { ModelRecord } from '@branchscope/store';
import { badInput } from './api-error';

/** How many block names an error lists before saying how many more there are. */
const LISTED = 12;

/** The model's node named `layer`, or a BAD_USER_INPUT naming the model and the layer. */
export function requireLayer(model: ModelRecord, layer: string): GraphNode {
  const node = model.graph.nodes.find((n) => n.name === layer);
  if (!node) throw badInput(`model '${model.id}' has no layer '${layer}'`);
  return node;
}

export interface LayerBranches {
  layer: string;
  /** Units in the layer's whole output. */
  units: number;
  block: BranchedBlock;
  branches: NamedBranchRange[];
}

/**
 * The branches of the block whose output is `layer` (a grouped conv, a Concat or an Add), as unit ranges of that
 * layer. BAD_USER_INPUT when the layer does not exist, or is the output of no branched block (the message names the
 * blocks there are, by output layer).
 */
export function branchesOfLayer(model: ModelRecord, blocks: readonly BranchedBlock[], layer: string): LayerBranches {
  const node = requireLayer(model, layer);
  const block = blocks.find((b) => b.output === layer);
  if (!block) {
    const names = blocks.map((b) => `${b.output} (${b.kind})`);
    const shown = names.length > LISTED ? `${names.slice(0, LISTED).join(', ')} and ${names.length - LISTED} more` : names.join(', ');
    throw badInput(
      `model '${model.id}': layer '${layer}' is not the output of a branched block; ` +
        (names.length > 0 ? `branched blocks by output layer: ${shown}` : 'the model has no branched blocks'),
    );
  }
  const branches = block.branches.map((branch) => ({ name: branch.name, range: [branch.units.start, branch.units.end] as [number, number] }));
  return { layer, units: node.channels, block, branches };
}
