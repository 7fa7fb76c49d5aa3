/** Helpers for linear-algebra tests only; not exported from the package. */
import type { Matrix } from './matrix';
import { multiply } from './multiply';
import { transpose } from './transpose';
import { createRandom } from '../random/create-random';

/** A rows x cols matrix of standard normal entries from the given seed. */
export function randomMatrix(rows: number, cols: number, seed: number): Matrix {
  const random = createRandom(seed);
  return { rows, cols, data: Float64Array.from({ length: rows * cols }, () => random.normal()) };
}

/** A rows x cols matrix with orthonormal columns (Gram-Schmidt, twice, on a seeded random matrix). */
export function randomOrthonormal(rows: number, cols: number, seed: number): Matrix {
  const m = randomMatrix(rows, cols, seed);
  for (let j = 0; j < cols; j++) {
    for (let pass = 0; pass < 2; pass++) {
      for (let p = 0; p < j; p++) {
        let dot = 0;
        for (let i = 0; i < rows; i++) dot += m.data[i * cols + j]! * m.data[i * cols + p]!;
        for (let i = 0; i < rows; i++) m.data[i * cols + j] = m.data[i * cols + j]! - dot * m.data[i * cols + p]!;
      }
    }
    let norm = 0;
    for (let i = 0; i < rows; i++) norm += m.data[i * cols + j]! ** 2;
    for (let i = 0; i < rows; i++) m.data[i * cols + j] = m.data[i * cols + j]! / Math.sqrt(norm);
  }
  return m;
}

/** U diag(s) V^T. */
export function compose(u: Matrix, s: ArrayLike<number>, v: Matrix): Matrix {
  const scaled = { rows: u.rows, cols: u.cols, data: u.data.map((x, idx) => x * s[idx % u.cols]!) };
  return multiply(scaled, transpose(v));
}

/** Largest absolute entry-wise difference; Infinity when shapes differ. */
export function maxAbsDiff(a: Matrix, b: Matrix): number {
  if (a.rows !== b.rows || a.cols !== b.cols) return Infinity;
  return a.data.reduce((worst, x, i) => Math.max(worst, Math.abs(x - b.data[i]!)), 0);
}

/** Largest |(M^T M - I)| entry: 0 for exactly orthonormal columns. */
export function orthonormalityError(m: Matrix): number {
  const gram = multiply(transpose(m), m);
  return gram.data.reduce((worst, x, idx) => {
    const diagonal = Math.floor(idx / gram.cols) === idx % gram.cols;
    return Math.max(worst, Math.abs(x - (diagonal ? 1 : 0)));
  }, 0);
}
