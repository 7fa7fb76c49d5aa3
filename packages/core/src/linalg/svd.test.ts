import { describe, expect, it } from 'vitest';
import { svd } from './svd';
import { jacobiSvd } from './jacobi-svd';
import { fromRows, zeros } from './matrix';
import type { Matrix } from './matrix';
import { multiply } from './multiply';
import { compose, maxAbsDiff, orthonormalityError, randomMatrix, randomOrthonormal } from './test-helpers';

/** Applies the documented convention to a chosen (U, V): largest |u| entry of each column positive. */
function withSignConvention(u: Matrix, v: Matrix): { u: Matrix; v: Matrix } {
  const uu = { ...u, data: Float64Array.from(u.data) };
  const vv = { ...v, data: Float64Array.from(v.data) };
  for (let c = 0; c < u.cols; c++) {
    let best = 0;
    for (let i = 1; i < u.rows; i++) if (Math.abs(u.data[i * u.cols + c]!) > Math.abs(u.data[best * u.cols + c]!)) best = i;
    if (u.data[best * u.cols + c]! >= 0) continue;
    for (let i = 0; i < u.rows; i++) uu.data[i * u.cols + c] = -uu.data[i * u.cols + c]!;
    for (let i = 0; i < v.rows; i++) vv.data[i * v.cols + c] = -vv.data[i * v.cols + c]!;
  }
  return { u: uu, v: vv };
}

const frobenius = (m: Matrix): number => Math.sqrt(m.data.reduce((sum, x) => sum + x * x, 0));

describe('svd', () => {
  it('recovers the singular values and vectors of a matrix built from chosen orthonormal factors', () => {
    const chosenU = randomOrthonormal(9, 6, 1);
    const chosenV = randomOrthonormal(6, 6, 2);
    const chosenS = [10, 7, 5, 3, 2, 1];
    const result = svd(compose(chosenU, chosenS, chosenV));
    const expected = withSignConvention(chosenU, chosenV);

    Array.from(result.s).forEach((s, k) => expect(Math.abs(s - chosenS[k]!)).toBeLessThan(1e-10));
    expect(maxAbsDiff(result.u, expected.u)).toBeLessThan(1e-10);
    expect(maxAbsDiff(result.v, expected.v)).toBeLessThan(1e-10);
  });

  it('reconstructs a random tall matrix to within 1e-13 of its norm', () => {
    const a = randomMatrix(40, 25, 3);
    const { u, s, v } = svd(a);
    expect(maxAbsDiff(compose(u, s, v), a)).toBeLessThan(1e-13 * frobenius(a));
  });

  it('returns orthonormal columns in U and V to within 1e-12', () => {
    const { u, v } = svd(randomMatrix(30, 18, 4));
    expect(orthonormalityError(u)).toBeLessThan(1e-12);
    expect(orthonormalityError(v)).toBeLessThan(1e-12);
  });

  it('sorts singular values in descending order', () => {
    const { s } = svd(randomMatrix(20, 15, 5));
    for (let k = 1; k < s.length; k++) expect(s[k]!).toBeLessThanOrEqual(s[k - 1]!);
  });

  it('gives thin factors of shape rows x k and cols x k for a wide matrix', () => {
    const a = randomMatrix(12, 30, 6);
    const { u, s, v } = svd(a);
    expect([u.rows, u.cols, s.length, v.rows, v.cols]).toEqual([12, 12, 12, 30, 12]);
    expect(maxAbsDiff(compose(u, s, v), a)).toBeLessThan(1e-13 * frobenius(a));
    expect(orthonormalityError(u)).toBeLessThan(1e-12);
    expect(orthonormalityError(v)).toBeLessThan(1e-12);
  });

  it('has the same singular values for a matrix and its transpose', () => {
    const a = randomMatrix(7, 11, 7);
    const t = zeros(11, 7);
    for (let i = 0; i < 7; i++) for (let j = 0; j < 11; j++) t.data[j * 7 + i] = a.data[i * 11 + j]!;
    const sa = svd(a).s;
    const st = svd(t).s;
    sa.forEach((x, k) => expect(Math.abs(x - st[k]!)).toBeLessThan(1e-12));
  });

  it('finds a rank-3 matrix has three nonzero singular values and still returns an orthonormal U', () => {
    const a = multiply(randomMatrix(20, 3, 8), randomMatrix(3, 10, 9));
    const { u, s, v } = svd(a);
    expect(s[2]!).toBeGreaterThan(1e-3);
    for (let k = 3; k < s.length; k++) expect(s[k]!).toBeLessThan(1e-12 * s[0]!);
    expect(orthonormalityError(u)).toBeLessThan(1e-12);
    expect(maxAbsDiff(compose(u, s, v), a)).toBeLessThan(1e-12 * frobenius(a));
  });

  it('decomposes the zero matrix into zero singular values and orthonormal factors', () => {
    const { u, s, v } = svd(zeros(5, 3));
    expect(Array.from(s)).toEqual([0, 0, 0]);
    expect(orthonormalityError(u)).toBeLessThan(1e-15);
    expect(orthonormalityError(v)).toBeLessThan(1e-15);
  });

  it('returns empty factors for a matrix with no rows', () => {
    const { u, s, v } = svd(zeros(0, 4));
    expect([u.rows, u.cols, s.length, v.rows, v.cols]).toEqual([0, 0, 0, 4, 0]);
  });

  it('makes the largest-magnitude entry of every left singular vector positive', () => {
    const { u } = svd(randomMatrix(15, 8, 10));
    for (let c = 0; c < u.cols; c++) {
      const column = Array.from({ length: u.rows }, (_, i) => u.data[i * u.cols + c]!);
      const largest = column.reduce((best, x) => (Math.abs(x) > Math.abs(best) ? x : best), 0);
      expect(largest).toBeGreaterThan(0);
    }
  });

  it('flips V but not U when the matrix is negated', () => {
    const a = randomMatrix(10, 6, 11);
    const plain = svd(a);
    const negated = svd({ ...a, data: a.data.map((x) => -x) });
    expect(maxAbsDiff(negated.u, plain.u)).toBeLessThan(1e-12);
    expect(maxAbsDiff(negated.v, { ...plain.v, data: plain.v.data.map((x) => -x) })).toBeLessThan(1e-12);
  });

  it('returns bit-identical results on repeated calls', () => {
    const a = randomMatrix(25, 14, 12);
    const first = svd(a);
    const second = svd(a);
    expect(Array.from(second.u.data)).toEqual(Array.from(first.u.data));
    expect(Array.from(second.s)).toEqual(Array.from(first.s));
    expect(Array.from(second.v.data)).toEqual(Array.from(first.v.data));
  });

  it('does not modify its input', () => {
    const a = fromRows([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    svd(a);
    expect(Array.from(a.data)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('rejects a non-finite entry and names its position', () => {
    const a = fromRows([
      [1, 2],
      [3, Number.NaN],
    ]);
    expect(() => svd(a)).toThrow('entry (1, 1) is NaN');
  });

  it('keeps singular values of a matrix with condition number 1e12 to 1e-10 relative down to 1e-4 of the largest', () => {
    const chosenU = randomOrthonormal(50, 30, 13);
    const chosenV = randomOrthonormal(30, 30, 14);
    const chosenS = Array.from({ length: 30 }, (_, k) => 10 ** (-12 * (k / 29)));
    const { u, s, v } = svd(compose(chosenU, chosenS, chosenV));
    s.forEach((x, k) => {
      const tolerance = chosenS[k]! >= 1e-4 ? 1e-10 * chosenS[k]! : 1e-14;
      expect(Math.abs(x - chosenS[k]!)).toBeLessThan(tolerance);
    });
    expect(orthonormalityError(u)).toBeLessThan(1e-12);
    expect(orthonormalityError(v)).toBeLessThan(1e-12);
  });

  it('finds rank 10 in a 60 x 40 product and still returns orthonormal U and V', () => {
    const a = multiply(randomMatrix(60, 10, 15), randomMatrix(10, 40, 16));
    const { u, s, v } = svd(a);
    expect(s[9]!).toBeGreaterThan(1e-2 * s[0]!);
    for (let k = 10; k < s.length; k++) expect(s[k]!).toBeLessThan(1e-13 * s[0]!);
    expect(orthonormalityError(u)).toBeLessThan(1e-12);
    expect(orthonormalityError(v)).toBeLessThan(1e-12);
    expect(maxAbsDiff(compose(u, s, v), a)).toBeLessThan(1e-13 * frobenius(a));
  });

  it('handles repeated singular values (a matrix with orthonormal columns) and zero columns', () => {
    const q = randomOrthonormal(20, 8, 17);
    const withZeros = zeros(20, 10);
    for (let i = 0; i < 20; i++) for (let j = 0; j < 8; j++) withZeros.data[i * 10 + j] = q.data[i * 8 + j]!;
    const { u, s, v } = svd(withZeros);
    for (let k = 0; k < 8; k++) expect(Math.abs(s[k]! - 1)).toBeLessThan(1e-14);
    expect(Array.from(s.subarray(8))).toEqual([0, 0]);
    expect(orthonormalityError(u)).toBeLessThan(1e-13);
    expect(orthonormalityError(v)).toBeLessThan(1e-13);
    expect(maxAbsDiff(compose(u, s, v), withZeros)).toBeLessThan(1e-13);
  });

  it('reconstructs a matrix whose rows are graded over 12 orders of magnitude', () => {
    const a = randomMatrix(35, 20, 18);
    for (let i = 0; i < 35; i++) for (let j = 0; j < 20; j++) a.data[i * 20 + j] = a.data[i * 20 + j]! * 10 ** (-12 * (i / 34));
    const { u, s, v } = svd(a);
    expect(maxAbsDiff(compose(u, s, v), a)).toBeLessThan(1e-14 * frobenius(a));
    expect(orthonormalityError(u)).toBeLessThan(1e-12);
    expect(orthonormalityError(v)).toBeLessThan(1e-12);
  });

  it('agrees with the one-sided Jacobi reference on a |W|-like matrix, wide and tall', () => {
    for (const [rows, cols, seed] of [
      [96, 130, 19],
      [130, 96, 20],
    ] as const) {
      const w = randomMatrix(rows, cols, seed);
      const a = { ...w, data: w.data.map(Math.abs) };
      const fast = svd(a);
      const reference = jacobiSvd(a);
      fast.s.forEach((x, k) => expect(Math.abs(x - reference.s[k]!)).toBeLessThan(1e-10 * reference.s[k]!));
      // Vectors up to the shared sign convention, wherever the singular value is well separated from its neighbours.
      const k = fast.s.length;
      for (let c = 0; c < k; c++) {
        const gap = Math.min(c > 0 ? fast.s[c - 1]! - fast.s[c]! : Infinity, c < k - 1 ? fast.s[c]! - fast.s[c + 1]! : Infinity);
        if (gap < 1e-3 * fast.s[0]!) continue;
        for (let i = 0; i < rows; i++) expect(Math.abs(fast.u.data[i * k + c]! - reference.u.data[i * k + c]!)).toBeLessThan(1e-9);
        for (let j = 0; j < cols; j++) expect(Math.abs(fast.v.data[j * k + c]! - reference.v.data[j * k + c]!)).toBeLessThan(1e-9);
      }
    }
  });

  it('decomposes a 1 x 1 and a single-column matrix', () => {
    expect(Array.from(svd(fromRows([[-3]])).s)).toEqual([3]);
    const column = svd(fromRows([[3], [4]]));
    expect(column.s[0]!).toBeCloseTo(5, 14);
    expect(maxAbsDiff(column.u, fromRows([[0.6], [0.8]]))).toBeLessThan(1e-15);
    expect(maxAbsDiff(column.v, fromRows([[1]]))).toBeLessThan(1e-15);
  });

  it('decomposes matrices with entries near 1e250 and 1e-250 (no overflow or underflow in the reflections)', () => {
    const a = randomMatrix(12, 8, 21);
    const plain = svd(a);
    for (const factor of [1e250, 1e-250]) {
      const { u, s, v } = svd({ ...a, data: a.data.map((x) => x * factor) });
      s.forEach((x, k) => expect(Math.abs(x / factor - plain.s[k]!)).toBeLessThan(1e-13 * plain.s[0]!));
      expect(maxAbsDiff(u, plain.u)).toBeLessThan(1e-12);
      expect(maxAbsDiff(v, plain.v)).toBeLessThan(1e-12);
    }
  });
});
