import type { BranchedBlock, UnitRange } from './graph';

/** Where a unit sits in the branch structure: the block's name and the branch's index. */
export interface BranchRef {
  block: string;
  branch: number;
}

const within = (range: UnitRange | undefined, layer: string, unit: number): boolean =>
  range !== undefined && range.layer === layer && unit >= range.start && unit < range.end;

/**
 * The branch a unit of `layer` belongs to or feeds. Membership wins over feeding: first a branch whose
 * output range holds the unit, then a branch that lists `layer` as one of its member layers, then a
 * branch whose input range holds it (AlexNet's conv1 units, which feed conv2's groups).
 * Returns undefined for units outside every branch.
 */
export function branchOfUnit(blocks: readonly BranchedBlock[], layer: string, unit: number): BranchRef | undefined {
  if (!Number.isInteger(unit) || unit < 0) throw new Error(`branchOfUnit: unit ${unit} of layer "${layer}" is not a non-negative integer`);
  const find = (test: (b: BranchedBlock['branches'][number]) => boolean): BranchRef | undefined => {
    for (const block of blocks) {
      const hit = block.branches.find(test);
      if (hit) return { block: block.name, branch: hit.index };
    }
    return undefined;
  };
  return (
    find((b) => within(b.units, layer, unit)) ??
    find((b) => b.layers.includes(layer)) ??
    find((b) => within(b.inputUnits, layer, unit))
  );
}
