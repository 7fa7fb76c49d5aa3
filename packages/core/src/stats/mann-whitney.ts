import { normalUpperTail } from './normal-tail';

export interface MannWhitneyResult {
  /** U of the first sample: pairs (x, y) with x > y, ties counting one half. */
  u: number;
  /** U of the second sample; u + uOther = n1 × n2. */
  uOther: number;
  /** Two-sided p-value. */
  p: number;
  /** `exact` (no ties and n1 + n2 <= {@link EXACT_LIMIT}) or `normal` (tie-corrected, continuity-corrected). */
  method: 'exact' | 'normal';
  /** Standardised U of the first sample (normal method; also reported for the exact one). */
  z: number;
}

/** Largest n1 + n2 for which the exact null distribution is computed (a table of n1 × n2 × n1·n2 / 2 numbers). */
export const EXACT_LIMIT = 60;

/** Midranks (1-based) of `values`, and Σ (t³ − t) over groups of t tied values. */
function midranks(values: readonly number[]): { ranks: number[]; tieTerm: number } {
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
  const ranks = new Array<number>(values.length);
  let tieTerm = 0;
  for (let start = 0; start < order.length; ) {
    let end = start + 1;
    while (end < order.length && order[end]![0] === order[start]![0]) end++;
    const rank = (start + end + 1) / 2;
    for (let k = start; k < end; k++) ranks[order[k]![1]] = rank;
    const t = end - start;
    tieTerm += t * t * t - t;
    start = end;
  }
  return { ranks, tieTerm };
}

/** P(U = u) for u = 0..n1·n2 under the null, by the recursion p(m, n, u) = m/(m+n) p(m−1, n, u−n) + n/(m+n) p(m, n−1, u). */
function exactDistribution(n1: number, n2: number): Float64Array {
  // prev[n][u] holds p(m-1, n, u); built up over m.
  let prev: Float64Array[] = Array.from({ length: n2 + 1 }, () => Float64Array.of(1));
  for (let m = 1; m <= n1; m++) {
    const next: Float64Array[] = [Float64Array.of(1)];
    for (let n = 1; n <= n2; n++) {
      const row = new Float64Array(m * n + 1);
      const left = prev[n]!; // p(m-1, n, ·)
      const down = next[n - 1]!; // p(m, n-1, ·)
      for (let u = 0; u <= m * n; u++) {
        const a = u - n >= 0 && u - n < left.length ? left[u - n]! : 0;
        const b = u < down.length ? down[u]! : 0;
        row[u] = (m / (m + n)) * a + (n / (m + n)) * b;
      }
      next.push(row);
    }
    prev = next;
  }
  return prev[n2]!;
}

/**
 * Mann-Whitney U test of whether `x` and `y` come from the same distribution (two-sided). Exact when there
 * are no ties and the samples are small; otherwise the normal approximation with the tie-corrected variance
 * n1·n2/12 · ((n+1) − Σ(t³−t) / (n(n−1))) and a continuity correction of 1/2.
 * @throws RangeError when a sample is empty or holds a value that is not finite.
 */
export function mannWhitneyU(x: readonly number[], y: readonly number[]): MannWhitneyResult {
  const n1 = x.length;
  const n2 = y.length;
  if (n1 === 0 || n2 === 0) throw new RangeError(`mannWhitneyU: both samples need values (got ${n1} and ${n2})`);
  const bad = [...x, ...y].find((v) => !Number.isFinite(v));
  if (bad !== undefined) throw new RangeError(`mannWhitneyU: every value must be finite, got ${bad}`);
  const n = n1 + n2;
  const { ranks, tieTerm } = midranks([...x, ...y]);
  let rankSum = 0;
  for (let i = 0; i < n1; i++) rankSum += ranks[i]!;
  const u = rankSum - (n1 * (n1 + 1)) / 2;
  const uOther = n1 * n2 - u;
  const mean = (n1 * n2) / 2;
  const variance = ((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1)));
  const z = variance > 0 ? (u - mean) / Math.sqrt(variance) : 0;
  if (tieTerm === 0 && n <= EXACT_LIMIT) {
    const dist = exactDistribution(n1, n2);
    const small = Math.min(u, uOther);
    let tail = 0;
    for (let k = 0; k <= small; k++) tail += dist[k]!;
    return { u, uOther, p: Math.min(1, 2 * tail), method: 'exact', z };
  }
  if (!(variance > 0)) return { u, uOther, p: 1, method: 'normal', z: 0 };
  const corrected = Math.max(0, Math.abs(u - mean) - 0.5) / Math.sqrt(variance);
  return { u, uOther, p: Math.min(1, 2 * normalUpperTail(corrected)), method: 'normal', z };
}
