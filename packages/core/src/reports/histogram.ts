/** Counts of a sample in equal bins over [min, max]. */
export interface Histogram {
  min: number;
  max: number;
  /** counts[b] is the number of values in [min + b w, min + (b+1) w), the last bin closed; w = (max - min) / bins. */
  counts: number[];
}

/**
 * Counts `values` in `bins` equal bins over [min, max]; a value outside is counted in the nearest end bin.
 * @throws RangeError when bins is not a positive integer, the range is empty, or a value is not finite.
 */
export function histogram(values: readonly number[], bins: number, min: number, max: number): Histogram {
  if (!Number.isInteger(bins) || bins < 1) throw new RangeError(`histogram: bins must be a positive integer, got ${bins}`);
  if (!(Number.isFinite(min) && Number.isFinite(max) && max > min)) throw new RangeError(`histogram: range [${min}, ${max}] is empty or not finite`);
  const counts = new Array<number>(bins).fill(0);
  for (const v of values) {
    if (!Number.isFinite(v)) throw new RangeError(`histogram: every value must be finite, got ${v}`);
    const b = Math.floor(((v - min) / (max - min)) * bins);
    counts[Math.min(bins - 1, Math.max(0, b))]! += 1;
  }
  return { min, max, counts };
}
