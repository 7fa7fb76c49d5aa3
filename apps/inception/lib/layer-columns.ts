import type { BranchedBlock, Label } from '@branchscope/client';
import type { CategoryLegendEntry, UnitCell } from '@branchscope/ui';

/** One branch of a layer as a column of unit cells. */
export interface LayerColumn {
  index: number;
  /** Full branch name, as the enrichment rows name it: `mixed3a/5x5`. */
  branch: string;
  /** The part after the block name: `5x5`. */
  title: string;
  /** First unit and one past the last, in the concatenated layer. */
  start: number;
  end: number;
  cells: UnitCell[];
  labelled: number;
}

/**
 * The branches of `block` as columns of cells, one per unit of its range in the joined layer, each coloured by
 * the unit's category in `labels` (by its position in `categories`).
 */
export function layerColumns(block: BranchedBlock, labels: readonly Label[], categories: readonly string[]): LayerColumn[] {
  const byUnit = new Map(labels.map((l) => [l.unit, l.category]));
  const groupOf = new Map(categories.map((name, i) => [name, i]));
  return block.branches.map((branch) => {
    const { start, end } = branch.units;
    const cells: UnitCell[] = [];
    let labelled = 0;
    for (let unit = start; unit < end; unit++) {
      const category = byUnit.get(unit);
      if (category === undefined) {
        cells.push({ unit, label: `${block.output} unit ${unit} (${branch.name}): unlabelled` });
        continue;
      }
      labelled += 1;
      cells.push({ unit, category, group: groupOf.get(category), label: `${block.output} unit ${unit} (${branch.name}): ${category}` });
    }
    const prefix = `${block.name}/`;
    const title = branch.name.startsWith(prefix) ? branch.name.slice(prefix.length) : branch.name;
    return { index: branch.index, branch: branch.name, title, start, end, cells, labelled };
  });
}

/** Legend entries: each category with its number of units in the columns, then the unlabelled units. */
export function legendEntries(columns: readonly LayerColumn[], categories: readonly string[]): CategoryLegendEntry[] {
  const counts = new Map<string, number>();
  let unlabelled = 0;
  for (const cell of columns.flatMap((c) => c.cells)) {
    if (cell.category === undefined) unlabelled += 1;
    else counts.set(cell.category, (counts.get(cell.category) ?? 0) + 1);
  }
  const entries: CategoryLegendEntry[] = categories.map((name, group) => ({ name, group, count: counts.get(name) ?? 0 }));
  return [...entries, { name: 'unlabelled', count: unlabelled }];
}
