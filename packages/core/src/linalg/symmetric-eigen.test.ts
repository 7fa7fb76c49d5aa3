import { describe, expect, it } from 'vitest';
import { createRandom } from '../random/create-random';
import { fromRows, zeros, type Matrix } from './matrix';
import { symmetricEigen } from './symmetric-eigen';

function randomSymmetric(n: number, seed: number): Matrix {
  const random = createRandom(seed);
  const m = zeros(n, n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      const x = random.normal();
      m.data[i * n + j] = x;
      m.data[j * n + i] = x;
    }
  }
  return m;
}

/** max |A v_j - lambda_j v_j| and max |V^T V - I| over all entries. */
function errors(a: Matrix, values: Float64Array, v: Matrix): [number, number] {
  const n = a.rows;
  let residual = 0;
  let orthogonality = 0;
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) {
      let av = 0;
      for (let k = 0; k < n; k++) av += a.data[i * n + k]! * v.data[k * n + j]!;
      residual = Math.max(residual, Math.abs(av - values[j]! * v.data[i * n + j]!));
    }
    for (let l = 0; l < n; l++) {
      let dot = 0;
      for (let k = 0; k < n; k++) dot += v.data[k * n + j]! * v.data[k * n + l]!;
      orthogonality = Math.max(orthogonality, Math.abs(dot - (j === l ? 1 : 0)));
    }
  }
  return [residual, orthogonality];
}

describe('symmetricEigen', () => {
  it('finds the eigenvalues 1 and 3 of [[2, 1], [1, 2]] in ascending order (to 1e-14)', () => {
    const { values, vectors } = symmetricEigen(fromRows([[2, 1], [1, 2]]));
    expect(values[0]).toBeCloseTo(1, 14);
    expect(values[1]).toBeCloseTo(3, 14);
    expect(Math.abs(vectors.data[0]! * vectors.data[2]!)).toBeCloseTo(0.5, 14);
  });

  it('gives A v = lambda v and orthonormal vectors for random 40 x 40 matrices (to 1e-12)', () => {
    for (const seed of [1, 2, 3]) {
      const a = randomSymmetric(40, seed);
      const { values, vectors } = symmetricEigen(a);
      const [residual, orthogonality] = errors(a, values, vectors);
      expect(residual).toBeLessThan(1e-12);
      expect(orthogonality).toBeLessThan(1e-12);
      for (let i = 1; i < 40; i++) expect(values[i]!).toBeGreaterThanOrEqual(values[i - 1]!);
    }
  });

  it('handles a repeated eigenvalue: the 5 x 5 all-ones matrix has 0 four times and 5 once', () => {
    const { values, vectors } = symmetricEigen(fromRows(Array.from({ length: 5 }, () => [1, 1, 1, 1, 1])));
    for (let i = 0; i < 4; i++) expect(Math.abs(values[i]!)).toBeLessThan(1e-14);
    expect(values[4]).toBeCloseTo(5, 13);
    expect(errors(fromRows(Array.from({ length: 5 }, () => [1, 1, 1, 1, 1])), values, vectors)[1]).toBeLessThan(1e-13);
  });

  it('keeps a diagonal matrix diagonal', () => {
    const { values } = symmetricEigen(fromRows([[3, 0, 0], [0, -1, 0], [0, 0, 2]]));
    expect(Array.from(values)).toEqual([-1, 2, 3]);
  });

  it('rejects an asymmetric matrix, naming the entry', () => {
    expect(() => symmetricEigen(fromRows([[1, 2], [3, 1]]))).toThrow(/not symmetric at \(1, 0\): 3 vs 2/);
  });

  it('rejects a non-square matrix', () => {
    expect(() => symmetricEigen(zeros(2, 3))).toThrow(/2 x 3, not square/);
  });
});
