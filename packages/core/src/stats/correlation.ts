/**
 * Pearson's correlation of two equally long samples, in [-1, 1]; 0 where either is constant (no linear
 * relation can be measured, and a NaN would poison the tables it goes into).
 * @throws RangeError when the lengths differ, fewer than 2 pairs are given, or a value is not finite.
 */
export function pearsonCorrelation(x: readonly number[], y: readonly number[]): number {
  if (x.length !== y.length) throw new RangeError(`pearsonCorrelation: samples differ in length (${x.length} and ${y.length})`);
  if (x.length < 2) throw new RangeError(`pearsonCorrelation: needs at least 2 pairs, got ${x.length}`);
  const bad = [...x, ...y].find((v) => !Number.isFinite(v));
  if (bad !== undefined) throw new RangeError(`pearsonCorrelation: every value must be finite, got ${bad}`);
  const mx = x.reduce((s, v) => s + v, 0) / x.length;
  const my = y.reduce((s, v) => s + v, 0) / y.length;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < x.length; i++) {
    const dx = x[i]! - mx;
    const dy = y[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx === 0 || syy === 0) return 0;
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
}

/** Midranks of `values` (ties share the mean of their ranks). */
function ranks(values: readonly number[]): number[] {
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
  const out = new Array<number>(values.length);
  for (let start = 0; start < order.length; ) {
    let end = start + 1;
    while (end < order.length && order[end]![0] === order[start]![0]) end++;
    for (let k = start; k < end; k++) out[order[k]![1]] = (start + end + 1) / 2;
    start = end;
  }
  return out;
}

/** Spearman's rank correlation: Pearson's on midranks, so it measures any monotone relation. */
export function spearmanCorrelation(x: readonly number[], y: readonly number[]): number {
  if (x.length !== y.length) throw new RangeError(`spearmanCorrelation: samples differ in length (${x.length} and ${y.length})`);
  return pearsonCorrelation(ranks(x), ranks(y));
}
