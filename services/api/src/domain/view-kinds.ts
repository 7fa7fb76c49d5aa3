import type { BranchedBlock } from '@branchscope/core';
import type { LayerPair } from './first-layer-pair';

/** The views of the portal (the schema's ViewKind, in lower case). */
export type ViewKind = 'alexnet' | 'inception' | 'resnet';

/**
 * Which views can show a model, from its structure alone:
 * - `alexnet` (first-layer filters, next-layer features, |W(first → next)| singular vectors): the model has a first
 *   layer pair, and its only branches are grouped convs or a split of the first layer itself. That holds for
 *   AlexNet (conv2 grouped, reading conv1), a first layer split into N convs, and unbranched controls, whose
 *   singular vectors are where an unbranched layer shows its split.
 * - `inception` (branch grids by category, enrichment): the model has Concat blocks.
 * - `resnet` (residual blocks beside the stream): the model has residual blocks.
 */
export function viewKinds(blocks: readonly BranchedBlock[], pair: LayerPair | null): ViewKind[] {
  const views: ViewKind[] = [];
  const deeperBranches = blocks.some((block) => block.kind === 'residual' || block.kind === 'gate' || (block.kind === 'concat' && block.output !== pair?.from));
  if (pair !== null && !deeperBranches) views.push('alexnet');
  if (blocks.some((block) => block.kind === 'concat')) views.push('inception');
  if (blocks.some((block) => block.kind === 'residual')) views.push('resnet');
  return views;
}
