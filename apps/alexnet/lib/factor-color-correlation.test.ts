import type { SvdFactors } from '@branchscope/client';
import { describe, expect, it } from 'vitest';
import { colorVector, factorColorCorrelations, pearson } from './factor-color-correlation';

function svd(entries: [number, number][]): SvdFactors {
  return {
    modelId: 'm',
    from: 'conv1',
    to: 'conv2',
    centered: false,
    rows: entries.length,
    cols: 4,
    singularValues: [2, 1],
    explainedVariance: [0.8, 0.2],
    fromUnits: entries.map((factors, unit) => ({ unit, factors, branch: null })),
    toUnits: [],
    jobId: 'j',
    computedAt: '2025-01-01T00:00:00Z',
  };
}

describe('pearson', () => {
  it('is 1 for a line, -1 for a falling one, null without spread', () => {
    expect(pearson([1, 2, 3], [2, 4, 6])).toBeCloseTo(1, 12);
    expect(pearson([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1, 12);
    expect(pearson([1, 1, 1], [1, 2, 3])).toBeNull();
  });

  it('matches a hand-computed value', () => {
    // x = 1..4, y = 1, 3, 2, 4: deviations ±1.5, ±0.5; sxy = 2.25 - 0.25 - 0.25 + 2.25 = 4, sxx = syy = 5, r = 0.8.
    expect(pearson([1, 2, 3, 4], [1, 3, 2, 4])).toBeCloseTo(0.8, 12);
  });
});

describe('factorColorCorrelations', () => {
  it('finds the vector tracking colour and counts the one-signed entries of vector 0', () => {
    // Vector 0: all positive, unrelated to colour; vector 1: falls as colour rises.
    const factors = svd([
      [0.5, 0.4],
      [0.3, 0.1],
      [0.5, -0.2],
      [0.3, -0.5],
    ]);
    const colors = new Map([
      [0, 0],
      [1, 0.3],
      [2, 0.6],
      [3, 0.9],
    ]);
    const rows = factorColorCorrelations(factors, colors);
    expect(rows.map((r) => [r.vector, r.units, r.sameSign, r.zeros])).toEqual([
      [0, 4, 4, 0],
      [1, 4, 2, 0],
    ]);
    expect(rows[0]!.r).toBeCloseTo(-0.4472, 3);
    expect(rows[1]!.r).toBeLessThan(-0.98);
    expect(colorVector(rows)).toBe(1);
  });

  it('counts the zero entries of a block-diagonal |W| (one branch per vector)', () => {
    const rows = factorColorCorrelations(svd([[0.5, 0], [0.4, 0], [0, 0.6], [0, 0.3]]), new Map([[0, 0], [1, 0.1], [2, 0.8], [3, 0.9]]));
    expect(rows.map((r) => r.zeros)).toEqual([2, 2]);
  });
});
