import type { UnitLabel } from '../categories/label-set';
import type { NamedBranchRange } from '../categories/parse-published-categories';
import { benjaminiHochberg } from './benjamini-hochberg';
import { logHypergeometricTail } from './hypergeometric';

/**
 * What the chance probability draws from. `all-units`: every unit of the layer, so a unit nobody labelled counts as
 * outside every category (the article's reading). `labelled`: only the layer's labelled units, so a branch is as
 * large as its labelled units and unlabelled units count for nothing.
 */
export type EnrichmentPopulation = 'all-units' | 'labelled';

export interface EnrichmentInput {
  layer: string;
  /** Units in the layer's whole output. */
  units: number;
  branches: readonly NamedBranchRange[];
  /** Labels of any layers; only those of `layer` count. A unit may carry several categories. */
  labels: readonly UnitLabel[];
  /** The population of the chance probability; `all-units` when left out. */
  population?: EnrichmentPopulation;
}

export interface EnrichmentRow {
  branch: string;
  category: string;
  /** Units of the category inside the branch. */
  inBranch: number;
  /** Labelled units of the category in the whole layer. */
  categorySize: number;
  branchSize: number;
  layerUnits: number;
  /** Units of the branch with at least one label (of any category); 0: nobody labelled the branch. */
  branchLabelled: number;
  /** Units of the layer with at least one label, inside a branch or not. */
  layerLabelled: number;
  /**
   * inBranch expected by chance: categorySize * branchSize / layerUnits over all units,
   * categorySize * branchLabelled / layerLabelled over labelled units.
   */
  expected: number;
  /**
   * P(X >= inBranch), X ~ Hypergeometric(population, categorySize, draws): population layerUnits and draws
   * branchSize over all units, layerLabelled and branchLabelled over labelled units. 0 where it underflows.
   */
  p: number;
  /** Natural log of p, finite even where p underflows. */
  logP: number;
  /** Benjamini–Hochberg q-value over all rows of the call. */
  q: number;
}

function checkBranches(layer: string, units: number, branches: readonly NamedBranchRange[]): void {
  if (!Number.isSafeInteger(units) || units < 1) throw new RangeError(`layer ${layer}: units must be a positive integer, got ${units}`);
  const sorted = [...branches].sort((a, b) => a.range[0] - b.range[0]);
  sorted.forEach(({ name, range: [start, end] }, i) => {
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > units || start >= end) {
      throw new RangeError(`layer ${layer}: branch ${name} range [${start}, ${end}) is not a non-empty range within [0, ${units})`);
    }
    const previous = sorted[i - 1];
    if (previous && previous.range[1] > start) {
      throw new RangeError(`layer ${layer}: branches ${previous.name} and ${name} overlap at unit ${start}`);
    }
  });
}

function countInRange(units: ReadonlySet<number>, start: number, end: number): number {
  let count = 0;
  for (const unit of units) if (unit >= start && unit < end) count++;
  return count;
}

/**
 * Per-branch enrichment of each category in one layer: how many of a category's units fall in each branch, and the
 * exact chance of at least that many if the category's units were spread at random over the population: all units
 * of the layer (default) or only its labelled units.
 * Rows come branch by branch, categories in order of first appearance in `labels`.
 * @throws RangeError naming the layer and the bad branch or unit.
 */
export function branchEnrichment(input: EnrichmentInput): EnrichmentRow[] {
  const { layer, units, branches, labels, population = 'all-units' } = input;
  checkBranches(layer, units, branches);
  // A unit counts once per category, however many people gave it that label.
  const unitsByCategory = new Map<string, Set<number>>();
  const labelled = new Set<number>();
  for (const label of labels) {
    if (label.layer !== layer) continue;
    if (!Number.isInteger(label.unit) || label.unit < 0 || label.unit >= units) {
      throw new RangeError(`layer ${layer}: label "${label.category}" names unit ${label.unit}, outside [0, ${units})`);
    }
    let members = unitsByCategory.get(label.category);
    if (!members) unitsByCategory.set(label.category, (members = new Set()));
    members.add(label.unit);
    labelled.add(label.unit);
  }
  const rows: Omit<EnrichmentRow, 'q'>[] = [];
  for (const { name, range: [start, end] } of branches) {
    const branchSize = end - start;
    const branchLabelled = countInRange(labelled, start, end);
    const [drawnFrom, draws] = population === 'labelled' ? [labelled.size, branchLabelled] : [units, branchSize];
    for (const [category, members] of unitsByCategory) {
      const inBranch = countInRange(members, start, end);
      const logP = logHypergeometricTail(drawnFrom, draws, members.size, inBranch);
      rows.push({
        branch: name,
        category,
        inBranch,
        categorySize: members.size,
        branchSize,
        layerUnits: units,
        branchLabelled,
        layerLabelled: labelled.size,
        expected: (members.size * draws) / drawnFrom,
        p: Math.exp(logP),
        logP,
      });
    }
  }
  const q = benjaminiHochberg(rows.map((row) => row.p));
  return rows.map((row, i) => ({ ...row, q: q[i]! }));
}
