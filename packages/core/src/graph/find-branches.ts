import type { BranchedBlock, Graph } from './graph';
import { graphIndex } from './graph-index';
import { concatBlocks } from './concat-blocks';
import { groupedBlocks } from './grouped-blocks';
import { residualBlocks } from './residual-blocks';

/**
 * Finds every branched block of a graph: grouped convolutions (AlexNet), Concat-joined parallel
 * paths (Inception) and Add-joined residual paths (ResNet). Blocks come in the topological order
 * of their output node.
 */
export function findBranches(graph: Graph): BranchedBlock[] {
  const index = graphIndex(graph);
  const blocks = [...groupedBlocks(index), ...concatBlocks(index), ...residualBlocks(index)];
  const at = (b: BranchedBlock): number => index.position.get(b.output) ?? -1;
  return blocks.sort((a, b) => at(a) - at(b));
}
