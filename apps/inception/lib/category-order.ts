import type { Label } from '@branchscope/client';

/**
 * The categories of `labels` in the order the view colours them: the category first used earliest comes first (so
 * a category keeps its colour while a person labels more units), then the larger one, then by name. A published
 * set, whose labels all share one time, is thus ordered by size.
 */
export function categoryOrder(labels: readonly Label[]): string[] {
  const stats = new Map<string, { first: string; count: number }>();
  for (const label of labels) {
    const seen = stats.get(label.category);
    if (!seen) stats.set(label.category, { first: label.at, count: 1 });
    else {
      seen.count += 1;
      if (label.at < seen.first) seen.first = label.at;
    }
  }
  return [...stats.entries()]
    .sort(([a, x], [b, y]) => (x.first < y.first ? -1 : x.first > y.first ? 1 : y.count - x.count || a.localeCompare(b)))
    .map(([name]) => name);
}
