import type { BranchedBlock, Graph } from './graph';
import { graphIndex } from './graph-index';
import { concatBlocks } from './concat-blocks';
import { gateBlocks } from './gate-blocks';
import { groupedBlocks } from './grouped-blocks';
import { residualBlocks } from './residual-blocks';

/**
 * Finds every branched block of a graph: grouped convolutions (AlexNet, ResNeXt, depthwise convs), Concat-joined
 * parallel paths (Inception), Add-joined residual paths (ResNet) and squeeze-and-excitation gates that multiply the
 * stream (EfficientNet, MobileNetV3). Blocks may nest (a grouped conv or a gate inside a residual path, a concat
 * inside an Inception branch). Blocks come in the topological order of their output node.
 */
export function findBranches(graph: Graph): BranchedBlock[] {
  const index = graphIndex(graph);
  const blocks = [...groupedBlocks(index), ...concatBlocks(index), ...residualBlocks(index), ...gateBlocks(index)];
  const at = (b: BranchedBlock): number => index.position.get(b.output) ?? -1;
  return blocks.sort((a, b) => at(a) - at(b));
}
