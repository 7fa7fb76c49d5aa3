import { describe, expect, it } from 'vitest';
import { pivotedQr } from './pivoted-qr';
import { randomMatrix } from './test-helpers';
import { zeros } from './matrix';

describe('pivotedQr', () => {
  const a = randomMatrix(9, 5, 21);
  const { q, r, perm } = pivotedQr(a);

  it('reproduces the column-permuted matrix as Q R to within 1e-13', () => {
    let worst = 0;
    for (let i = 0; i < 9; i++) {
      for (let j = 0; j < 5; j++) {
        let x = 0;
        for (let k = 0; k < 5; k++) x += q[k * 9 + i]! * r[k * 5 + j]!;
        worst = Math.max(worst, Math.abs(x - a.data[i * 5 + perm[j]!]!));
      }
    }
    expect(worst).toBeLessThan(1e-13);
  });

  it('returns Q with orthonormal columns to within 1e-14', () => {
    let worst = 0;
    for (let p = 0; p < 5; p++) {
      for (let k = 0; k < 5; k++) {
        let dot = 0;
        for (let i = 0; i < 9; i++) dot += q[p * 9 + i]! * q[k * 9 + i]!;
        worst = Math.max(worst, Math.abs(dot - (p === k ? 1 : 0)));
      }
    }
    expect(worst).toBeLessThan(1e-14);
  });

  it('returns an upper-triangular R whose diagonal does not grow in magnitude', () => {
    for (let i = 0; i < 5; i++) for (let j = 0; j < i; j++) expect(r[i * 5 + j]).toBe(0);
    for (let k = 1; k < 5; k++) expect(Math.abs(r[k * 5 + k]!)).toBeLessThanOrEqual(Math.abs(r[(k - 1) * 5 + k - 1]!));
  });

  it('uses every column exactly once in its permutation', () => {
    expect(Array.from(perm).sort()).toEqual([0, 1, 2, 3, 4]);
  });

  it('rejects a matrix with more columns than rows', () => {
    expect(() => pivotedQr(zeros(2, 3))).toThrow('pivotedQr: needs rows >= cols, got 2 x 3');
  });
});
