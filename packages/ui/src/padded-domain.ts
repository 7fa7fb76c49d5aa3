import { extent } from 'd3';

/**
 * The extent of `values` widened by `padding` of its span on each side, so no point sits on an axis.
 * A single value (or none) gets a unit-wide domain around it.
 */
export function paddedDomain(values: readonly number[], padding = 0.05): [number, number] {
  const [lo, hi] = extent(values);
  if (lo === undefined || hi === undefined) return [0, 1];
  const span = hi - lo;
  if (span === 0) return [lo - 0.5, hi + 0.5];
  return [lo - span * padding, hi + span * padding];
}
