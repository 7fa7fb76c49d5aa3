import type { BranchedBlock } from '@branchscope/core';
import type { ModelRecord } from '@branchscope/store';

const ranges = (block: BranchedBlock): string => block.branches.map((b) => `${b.name} [${b.units.start}, ${b.units.end})`).join(', ');

/**
 * Whether labels made on `from` mean the same units on `to`, layer by layer: each labelled layer exists in `to` with
 * as many units, and where the layer is the output of a branched block in `from`, `to` has a block of the same kind
 * there with the same branches, name for name and unit range for unit range. Returns the first difference in words,
 * or undefined when every layer fits. (Whether the units compute the same features is another matter: that depends
 * on the weights, which this does not compare.)
 */
export function labelLayersMismatch(
  from: { model: ModelRecord; blocks: readonly BranchedBlock[] },
  to: { model: ModelRecord; blocks: readonly BranchedBlock[] },
  layers: readonly string[],
): string | undefined {
  for (const layer of layers) {
    const source = from.model.graph.nodes.find((n) => n.name === layer);
    const target = to.model.graph.nodes.find((n) => n.name === layer);
    if (!target) return `model '${to.model.id}' has no layer '${layer}'`;
    if (source && target.channels !== source.channels) return `layer '${layer}' has ${target.channels} units in model '${to.model.id}', ${source.channels} in '${from.model.id}'`;
    const sourceBlock = from.blocks.find((b) => b.output === layer);
    if (!sourceBlock) continue;
    const targetBlock = to.blocks.find((b) => b.output === layer);
    if (!targetBlock) return `layer '${layer}' is the output of a ${sourceBlock.kind} block in model '${from.model.id}', of no branched block in '${to.model.id}'`;
    if (targetBlock.kind !== sourceBlock.kind || ranges(targetBlock) !== ranges(sourceBlock)) {
      return `the ${targetBlock.kind} block '${layer}' of model '${to.model.id}' has branches ${ranges(targetBlock)}; '${from.model.id}' has ${ranges(sourceBlock)}`;
    }
  }
  return undefined;
}
