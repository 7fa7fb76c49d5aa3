import type { UnitLabel } from '../categories/label-set';
import type { NamedBranchRange } from '../categories/parse-published-categories';
import { createRandom } from '../random/create-random';

/** Name of the group holding labelled units that lie in none of the given branches. */
export const OUTSIDE_BRANCHES = '(outside branches)';

export interface PermutationTestInput {
  layer: string;
  units: number;
  branches: readonly NamedBranchRange[];
  /** At most one category per labelled unit of `layer`; labels of other layers are ignored. */
  labels: readonly UnitLabel[];
  /** Number of label permutations; 1000 by default. */
  permutations?: number;
  seed?: number;
}

export interface PermutationTestResult {
  layer: string;
  labelledUnits: number;
  /** Row names of `table`: the branches, then {@link OUTSIDE_BRANCHES} when labelled units lie outside them. */
  groups: string[];
  categories: string[];
  /** Counts of labelled units, groups x categories. */
  table: number[][];
  /** Mutual information (nats) between group membership and category. */
  mutualInformation: number;
  /** Pearson's chi-square statistic of the same table. */
  chiSquare: number;
  permutations: number;
  /** (#permutations with mutual information >= observed + 1) / (permutations + 1). */
  p: number;
  /** The same permutation p-value for the chi-square statistic. */
  chiSquareP: number;
}

interface Coded {
  groups: string[];
  categories: string[];
  groupOf: Int32Array;
  categoryOf: Int32Array;
}

function code(input: PermutationTestInput): Coded {
  const { layer, units, branches } = input;
  const categoryByUnit = new Map<number, string>();
  for (const { layer: l, unit, category } of input.labels) {
    if (l !== layer) continue;
    if (!Number.isInteger(unit) || unit < 0 || unit >= units) {
      throw new RangeError(`layer ${layer}: label "${category}" names unit ${unit}, outside [0, ${units})`);
    }
    const previous = categoryByUnit.get(unit);
    if (previous !== undefined && previous !== category) {
      throw new RangeError(
        `layer ${layer}: unit ${unit} has two categories ("${previous}", "${category}"); the test needs one per unit`,
      );
    }
    categoryByUnit.set(unit, category);
  }
  const groups = branches.map((b) => b.name);
  const categories: string[] = [];
  const entries = [...categoryByUnit].sort((a, b) => a[0] - b[0]);
  const groupOf = new Int32Array(entries.length);
  const categoryOf = new Int32Array(entries.length);
  entries.forEach(([unit, category], i) => {
    let g = branches.findIndex(({ range: [start, end] }) => unit >= start && unit < end);
    if (g < 0) {
      g = groups.indexOf(OUTSIDE_BRANCHES);
      if (g < 0) g = groups.push(OUTSIDE_BRANCHES) - 1;
    }
    let c = categories.indexOf(category);
    if (c < 0) c = categories.push(category) - 1;
    groupOf[i] = g;
    categoryOf[i] = c;
  });
  return { groups, categories, groupOf, categoryOf };
}

/** Mutual information and chi-square of a groups x categories count table with the given fixed margins. */
function statistics(table: Int32Array, groupTotals: Int32Array, categoryTotals: Int32Array, n: number): [number, number] {
  const nCategories = categoryTotals.length;
  let mi = 0;
  let chi = 0;
  for (let g = 0; g < groupTotals.length; g++) {
    for (let c = 0; c < nCategories; c++) {
      const expected = (groupTotals[g]! * categoryTotals[c]!) / n;
      if (expected === 0) continue;
      const count = table[g * nCategories + c]!;
      if (count > 0) mi += (count / n) * Math.log(count / expected);
      chi += (count - expected) ** 2 / expected;
    }
  }
  return [mi, chi];
}

function tabulate(coded: Coded, categoryOf: Int32Array, table: Int32Array): void {
  table.fill(0);
  const nCategories = coded.categories.length;
  for (let i = 0; i < categoryOf.length; i++) table[coded.groupOf[i]! * nCategories + categoryOf[i]!]!++;
}

/**
 * Whether a layer's categories depend on its branches: compares the mutual information between branch membership
 * and category over labelled units with its distribution when the labels are shuffled among those units (seeded).
 * Labelled units outside all branches form one more group. Ties count against significance.
 * @throws RangeError naming the layer and unit of a label outside the layer or a unit with two categories.
 */
export function permutationTest(input: PermutationTestInput): PermutationTestResult {
  const permutations = input.permutations ?? 1000;
  if (!Number.isSafeInteger(permutations) || permutations < 1) {
    throw new RangeError(`permutations must be a positive integer, got ${permutations}`);
  }
  const coded = code(input);
  const n = coded.categoryOf.length;
  const nGroups = coded.groups.length;
  const nCategories = coded.categories.length;
  const table = new Int32Array(nGroups * nCategories);
  const groupTotals = new Int32Array(nGroups);
  const categoryTotals = new Int32Array(nCategories);
  for (let i = 0; i < n; i++) {
    groupTotals[coded.groupOf[i]!]!++;
    categoryTotals[coded.categoryOf[i]!]!++;
  }
  tabulate(coded, coded.categoryOf, table);
  const observedTable = Array.from({ length: nGroups }, (_, g) => Array.from(table.subarray(g * nCategories, (g + 1) * nCategories)));
  const [mi, chi] = n === 0 ? [0, 0] : statistics(table, groupTotals, categoryTotals, n);
  // Equal tables can give sums that differ in the last bits; treat those as ties.
  const tolerance = (x: number) => x - 1e-12 * Math.max(1, Math.abs(x));
  const random = createRandom(input.seed ?? 0);
  const shuffled = Int32Array.from(coded.categoryOf);
  let miAtLeast = 0;
  let chiAtLeast = 0;
  for (let k = 0; k < permutations; k++) {
    random.shuffle(shuffled);
    tabulate(coded, shuffled, table);
    const [permutedMi, permutedChi] = n === 0 ? [0, 0] : statistics(table, groupTotals, categoryTotals, n);
    if (permutedMi >= tolerance(mi)) miAtLeast++;
    if (permutedChi >= tolerance(chi)) chiAtLeast++;
  }
  return {
    layer: input.layer,
    labelledUnits: n,
    groups: coded.groups,
    categories: coded.categories,
    table: observedTable,
    mutualInformation: mi,
    chiSquare: chi,
    permutations,
    p: (miAtLeast + 1) / (permutations + 1),
    chiSquareP: (chiAtLeast + 1) / (permutations + 1),
  };
}
