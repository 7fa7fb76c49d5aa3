import type { SvdFactors } from '@branchscope/client';
import type { ScatterPoint } from '@branchscope/ui';

/**
 * The `from` units of `svd` as scatter points placed by their first two factors and grouped by the branch they
 * feed.
 *
 * @throws Error naming the unit when it has fewer than two factors.
 */
export function conv1FactorPoints(svd: SvdFactors): ScatterPoint[] {
  return svd.fromUnits.map(({ unit, factors, branch }) => {
    const [x, y] = factors;
    if (x === undefined || y === undefined) {
      throw new Error(`${svd.from} unit ${unit} has ${factors.length} factor(s); the scatter needs 2`);
    }
    const feeds = branch === null ? 'no branch' : `branch ${branch}`;
    return {
      id: unit,
      x,
      y,
      group: branch ?? undefined,
      label: `${svd.from} unit ${unit} (feeds ${feeds}): ${x.toFixed(3)}, ${y.toFixed(3)}`,
    };
  });
}

/** Legend names for the branches present among `svd`'s `from` units, indexed by branch. */
export function branchNames(svd: SvdFactors): string[] {
  const highest = Math.max(-1, ...svd.fromUnits.map((u) => u.branch ?? -1));
  return Array.from({ length: highest + 1 }, (_, i) => `feeds ${svd.to} branch ${i}`);
}
