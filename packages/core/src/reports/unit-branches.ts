import type { BlockKind, BranchedBlock } from '../graph/graph';
import type { NamedBranchRange } from '../categories/parse-published-categories';

/** How a layer's units divide into branches, and the block that divides them. */
export interface UnitBranches {
  /** The block: a grouped conv the layer feeds (its groups read these units), a grouped conv or a Concat the layer is. */
  block: string;
  kind: BlockKind;
  /** At least two, as unit ranges of the layer. */
  ranges: NamedBranchRange[];
}

/**
 * The branches `layer`'s units fall into, from the blocks `findBranches` found: first a grouped conv whose groups
 * read disjoint ranges of the layer's units (AlexNet's conv2 splitting conv1), then a Concat or grouped conv whose
 * output is the layer. Residual and gate blocks do not divide units (every branch writes every unit), so they do not
 * count. Null when no block divides the layer's units into two or more.
 */
export function unitBranches(blocks: readonly BranchedBlock[], layer: string): UnitBranches | null {
  const reader = blocks.find(
    (b) => b.kind === 'grouped' && b.branches.length >= 2 && b.branches.every((branch) => branch.inputUnits?.layer === layer),
  );
  if (reader) {
    return {
      block: reader.name,
      kind: reader.kind,
      ranges: reader.branches.map((branch) => ({ name: branch.name, range: [branch.inputUnits!.start, branch.inputUnits!.end] })),
    };
  }
  const own = blocks.find((b) => (b.kind === 'concat' || b.kind === 'grouped') && b.output === layer && b.branches.length >= 2);
  if (!own) return null;
  return { block: own.name, kind: own.kind, ranges: own.branches.map((branch) => ({ name: branch.name, range: [branch.units.start, branch.units.end] })) };
}
