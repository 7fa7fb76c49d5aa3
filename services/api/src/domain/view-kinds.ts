import type { BranchedBlock } from '@branchscope/core';
import type { LayerPair } from './first-layer-pair';

/** The views of the portal (the schema's ViewKind, in lower case). */
export type ViewKind = 'alexnet' | 'inception' | 'resnet';

/**
 * Most groups a grouped `to` conv may have for the AlexNet view, which draws one column of filters per group.
 * BVLC AlexNet's conv2 has 2, the split demo's first layer 4. A conv with more (ResNeXt's 32, a depthwise conv's
 * one per channel) filters channels in small sets rather than splitting a layer into branches.
 */
export const ALEXNET_MAX_GROUPS = 8;

/**
 * Whether the grouped conv `pair.to` (if it is one) splits `pair.from` into branches the AlexNet view can draw: at
 * most {@link ALEXNET_MAX_GROUPS} groups, each reading at least two of `from`'s units (a depthwise conv reads one:
 * its |W(from → to)| is diagonal, nothing for singular vectors to find). True when `to` is not grouped.
 */
function drawableGroups(blocks: readonly BranchedBlock[], pair: LayerPair): boolean {
  const grouped = blocks.find((block) => block.kind === 'grouped' && block.output === pair.to);
  if (!grouped) return true;
  return (
    grouped.branches.length <= ALEXNET_MAX_GROUPS &&
    grouped.branches.every((branch) => branch.inputUnits?.layer === pair.from && branch.inputUnits.end - branch.inputUnits.start >= 2)
  );
}

/**
 * Which views can show a model, from its structure alone:
 * - `alexnet` (first-layer filters, next-layer features, |W(first → next)| singular vectors): the model has a first
 *   layer pair (`from` feeds the conv `to` through ReLU, LRN, pooling and other channel-preserving ops), `to` is
 *   ungrouped or splits `from` into at most {@link ALEXNET_MAX_GROUPS} groups of two or more units, and its other
 *   branches are only grouped convs or a split of the first layer itself. That holds for AlexNet (conv2 grouped,
 *   reading conv1; its grouped conv4 and conv5 do not matter), whatever framework exported it, a first layer split
 *   into N convs, and unbranched controls, whose singular vectors are where an unbranched layer shows its split. A
 *   model that also has Concat, residual or gate blocks is shown by the views of those instead.
 * - `inception` (branch grids by category, enrichment): the model has Concat blocks.
 * - `resnet` (residual blocks beside the stream): the model has residual blocks.
 */
export function viewKinds(blocks: readonly BranchedBlock[], pair: LayerPair | null): ViewKind[] {
  const views: ViewKind[] = [];
  const deeperBranches = blocks.some((block) => block.kind === 'residual' || block.kind === 'gate' || (block.kind === 'concat' && block.output !== pair?.from));
  if (pair !== null && !deeperBranches && drawableGroups(blocks, pair)) views.push('alexnet');
  if (blocks.some((block) => block.kind === 'concat')) views.push('inception');
  if (blocks.some((block) => block.kind === 'residual')) views.push('resnet');
  return views;
}
