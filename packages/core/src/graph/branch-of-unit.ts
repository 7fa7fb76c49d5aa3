import type { Branch, BranchedBlock, UnitRange } from './graph';

/** Where a unit sits in the branch structure: the block's name and the branch's index. */
export interface BranchRef {
  block: string;
  branch: number;
}

const within = (range: UnitRange | undefined, layer: string, unit: number): boolean =>
  range !== undefined && range.layer === layer && unit >= range.start && unit < range.end;

/** How many distinct layers a block spans: a grouped conv is one, the residual path around it more. */
const span = (block: BranchedBlock): number => new Set(block.branches.flatMap((b) => b.layers)).size;

/**
 * The branch a unit of `layer` belongs to or feeds. First a branch whose output range holds the unit; failing that,
 * a branch that lists `layer` as a member layer or whose input range holds the unit (AlexNet's conv1 units, which
 * feed conv2's groups). Where blocks nest, the innermost one wins (the block spanning the fewest layers), so a
 * ResNeXt block's units keep the group of the grouped conv they belong to or feed, not the residual path's single
 * branch. Returns undefined for units outside every branch.
 */
export function branchOfUnit(blocks: readonly BranchedBlock[], layer: string, unit: number): BranchRef | undefined {
  if (!Number.isInteger(unit) || unit < 0) throw new Error(`branchOfUnit: unit ${unit} of layer "${layer}" is not a non-negative integer`);
  const innermost = (test: (b: Branch) => boolean): BranchRef | undefined => {
    let best: { ref: BranchRef; span: number } | undefined;
    for (const block of blocks) {
      const hit = block.branches.find(test);
      if (!hit) continue;
      const size = span(block);
      if (!best || size < best.span) best = { ref: { block: block.name, branch: hit.index }, span: size };
    }
    return best?.ref;
  };
  return innermost((b) => within(b.units, layer, unit)) ?? innermost((b) => b.layers.includes(layer) || within(b.inputUnits, layer, unit));
}
