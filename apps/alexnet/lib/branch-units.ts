import type { InputBranch } from './resolve-alexnet-model';

/** The items whose `unit` lies in the first-layer slice that `branch` reads, in unit order. */
export function inputUnitsOf<T extends { unit: number }>(items: T[], branch: InputBranch): T[] {
  const { start, end } = branch.inputUnits;
  return items.filter((item) => item.unit >= start && item.unit < end).sort((a, b) => a.unit - b.unit);
}

/** The first `count` units of `branch` in the grouped layer (fewer when the branch is smaller). */
export function firstUnitsOf(branch: InputBranch, count: number): number[] {
  const { start, end } = branch.units;
  return Array.from({ length: Math.max(0, Math.min(count, end - start)) }, (_, i) => start + i);
}

/** The median of `values`, or null for none. */
export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** "units 0–47" for the half-open range [start, end). */
export function unitRangeText(start: number, end: number): string {
  return end - start === 1 ? `unit ${start}` : `units ${start}–${end - 1}`;
}
