import { describe, expect, it } from 'vitest';
import { weightFactors } from './weight-factors';
import { zeros } from '../linalg/matrix';
import type { Matrix } from '../linalg/matrix';
import { compose, maxAbsDiff, randomMatrix } from '../linalg/test-helpers';

/** A non-negative matrix like |W|: absolute values of seeded normals. */
const absRandom = (rows: number, cols: number, seed: number): Matrix => {
  const m = randomMatrix(rows, cols, seed);
  return { ...m, data: m.data.map(Math.abs) };
};

describe('weightFactors', () => {
  it('gives explained variances equal to s^2 / sum s^2 that sum to one', () => {
    const f = weightFactors(absRandom(12, 8, 1), { centered: false });
    const total = f.singularValues.reduce((sum, s) => sum + s * s, 0);
    f.explainedVariance.forEach((e, k) => expect(Math.abs(e - f.singularValues[k]! ** 2 / total)).toBeLessThan(1e-15));
    expect(Math.abs(f.explainedVariance.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-12);
  });

  it('reconstructs the uncentred matrix from its left factors, singular values and right factors', () => {
    const a = absRandom(10, 6, 2);
    const f = weightFactors(a, { centered: false });
    expect(maxAbsDiff(compose(f.left, f.singularValues, f.right), a)).toBeLessThan(1e-12);
  });

  it('makes the first uncentred left factor of a non-negative matrix one-signed', () => {
    const f = weightFactors(absRandom(16, 9, 3), { centered: false });
    for (let i = 0; i < f.left.rows; i++) expect(f.left.data[i * f.left.cols]!).toBeGreaterThan(0);
  });

  it('centres each column so that every column of U * S sums to zero over input units', () => {
    const f = weightFactors(absRandom(14, 7, 4), { centered: true });
    const k = f.left.cols;
    for (let c = 0; c < k; c++) {
      let sum = 0;
      for (let i = 0; i < f.left.rows; i++) sum += f.left.data[i * k + c]! * f.singularValues[c]!;
      expect(Math.abs(sum)).toBeLessThan(1e-10);
    }
    expect(f.centered).toBe(true);
  });

  it('reconstructs the column-centred matrix in the centred variant', () => {
    const a = absRandom(9, 5, 5);
    const centred = { ...a, data: Float64Array.from(a.data) };
    for (let j = 0; j < a.cols; j++) {
      let mean = 0;
      for (let i = 0; i < a.rows; i++) mean += a.data[i * a.cols + j]! / a.rows;
      for (let i = 0; i < a.rows; i++) centred.data[i * a.cols + j] = a.data[i * a.cols + j]! - mean;
    }
    const f = weightFactors(a, { centered: true });
    expect(maxAbsDiff(compose(f.left, f.singularValues, f.right), centred)).toBeLessThan(1e-12);
  });

  it('reports zero explained variance rather than NaN for a zero matrix', () => {
    const f = weightFactors(zeros(4, 3), { centered: false });
    expect(f.explainedVariance).toEqual([0, 0, 0]);
  });

  it('keeps every uncentred factor of a block-diagonal matrix inside one block', () => {
    // Two 4 x 3 blocks on the diagonal, as a group-2 conv produces.
    const a = zeros(8, 6);
    const block = absRandom(8, 6, 6);
    for (let i = 0; i < 8; i++) for (let j = 0; j < 6; j++) if (i < 4 === j < 3) a.data[i * 6 + j] = block.data[i * 6 + j]!;
    const f = weightFactors(a, { centered: false });
    for (let c = 0; c < 6; c++) {
      const top = Array.from({ length: 4 }, (_, i) => Math.abs(f.left.data[i * 6 + c]!));
      const bottom = Array.from({ length: 4 }, (_, i) => Math.abs(f.left.data[(i + 4) * 6 + c]!));
      expect(Math.min(Math.max(...top), Math.max(...bottom))).toBeLessThan(1e-12);
    }
  });
});
