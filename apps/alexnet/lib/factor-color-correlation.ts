import type { SvdFactors } from '@branchscope/client';

/** How one singular vector of |W| relates to the first layer's colour index. */
export interface FactorColorCorrelation {
  /** Index of the singular vector. */
  vector: number;
  /** Pearson correlation of the units' entries with their filters' colour index; null when either does not vary. */
  r: number | null;
  /** Units with both an entry and a colour index. */
  units: number;
  /** How many entries share the majority sign (zeros count with both): all of them for vector 0 of a non-negative matrix. */
  sameSign: number;
  /** Entries that are zero to rounding (|v| < 1e-9): a block-diagonal |W| (grouped next layer) zeroes other branches' units. */
  zeros: number;
}

/** Pearson's r of two equally long samples; null when either has no spread or there are fewer than 3 pairs. */
export function pearson(xs: readonly number[], ys: readonly number[]): number | null {
  if (xs.length !== ys.length) throw new Error(`pearson: ${xs.length} x values against ${ys.length} y values`);
  const n = xs.length;
  if (n < 3) return null;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = xs[i]! - mx;
    const dy = ys[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx <= 1e-24 || syy <= 1e-24) return null;
  return sxy / Math.sqrt(sxx * syy);
}

/**
 * Per singular vector of `svd` (its first `vectors`), the correlation of the `from` units' entries with their colour
 * index, and how many entries share one sign (Perron-Frobenius: the first vector of a non-negative matrix such as |W|
 * can be taken with all entries of one sign, so it measures how much the next layer uses each unit, not a contrast).
 */
export function factorColorCorrelations(svd: SvdFactors, colorIndexOf: ReadonlyMap<number, number>, vectors = 2): FactorColorCorrelation[] {
  const rows = svd.fromUnits.filter((u) => colorIndexOf.has(u.unit));
  return Array.from({ length: vectors }, (_, vector) => {
    const entries = rows.map((u) => u.factors[vector]).filter((v): v is number => v !== undefined);
    const colors = rows.filter((u) => u.factors[vector] !== undefined).map((u) => colorIndexOf.get(u.unit)!);
    const positive = entries.filter((v) => v >= 0).length;
    const negative = entries.filter((v) => v <= 0).length;
    const zeros = entries.filter((v) => Math.abs(v) < 1e-9).length;
    return { vector, r: pearson(entries, colors), units: entries.length, sameSign: Math.max(positive, negative), zeros };
  });
}

/** The vector whose entries correlate most strongly (in absolute value) with colour index; null when none has an r. */
export function colorVector(correlations: readonly FactorColorCorrelation[]): number | null {
  let best: FactorColorCorrelation | null = null;
  for (const c of correlations) if (c.r !== null && (best === null || Math.abs(c.r) > Math.abs(best.r!))) best = c;
  return best?.vector ?? null;
}
