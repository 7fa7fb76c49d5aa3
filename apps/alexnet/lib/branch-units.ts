import type { UnitSpan } from './resolve-alexnet-model';

/** The items whose `unit` lies in `span`, in unit order. */
export function unitsIn<T extends { unit: number }>(items: T[], span: UnitSpan): T[] {
  return items.filter((item) => item.unit >= span.start && item.unit < span.end).sort((a, b) => a.unit - b.unit);
}

/** The first `count` units of `span` (fewer when it is smaller). */
export function firstUnits(span: UnitSpan, count: number): number[] {
  return Array.from({ length: Math.max(0, Math.min(count, span.end - span.start)) }, (_, i) => span.start + i);
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
