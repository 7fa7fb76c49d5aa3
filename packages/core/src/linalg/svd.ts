import type { Matrix } from './matrix';
import { transpose } from './transpose';
import { fixSigns } from './svd-signs';
import { bidiagonalize } from './householder-bidiagonal';
import { bidiagonalQr, bidiagonalValues } from './bidiagonal-qr';

/** A thin singular value decomposition A = U diag(s) V^T with k = min(rows, cols). */
export interface Svd {
  /** rows x k, orthonormal columns. */
  u: Matrix;
  /** k singular values, descending, non-negative. */
  s: Float64Array;
  /** cols x k, orthonormal columns. */
  v: Matrix;
}

/**
 * Thin SVD by Golub-Kahan: Householder bidiagonalization, then the implicit-shift bidiagonal QR iteration with
 * its rotations applied to the vectors in cache-sized bands (see bidiagonal-qr.ts). Backward stable: singular
 * values are exact for a matrix within a few units of rounding (times ||A||) of the input, as LAPACK's are;
 * U and V are orthonormal to working precision whatever the rank (a singular value of zero still gets a
 * singular vector, from the same orthogonal transformations). Deterministic: the same input gives the same bits.
 *
 * Singular values come out descending (ties in the order the iteration left them). Signs are fixed so results can
 * be compared and cached: each pair (u[:,k], v[:,k]) is flipped so that the entry of largest magnitude in u[:,k] is
 * positive (the first such entry on exact ties).
 *
 * Throws a RangeError on non-finite entries, or if the QR iteration does not converge (75 steps per value).
 */
export function svd(m: Matrix): Svd {
  assertFinite(m);
  const wide = m.rows < m.cols;
  const tall = wide ? transpose(m) : { rows: m.rows, cols: m.cols, data: Float64Array.from(m.data) };
  // Scaled by a power of two (exact) so the largest entry is near 1: squares of entries near 1e200 or 1e-200
  // would overflow or vanish in the reflections' norms.
  const largest = tall.data.reduce((max, x) => Math.max(max, Math.abs(x)), 0);
  const exponent = largest > 0 ? Math.round(Math.log2(largest)) : 0;
  if (exponent !== 0) scaleBy(tall.data, 2 ** -exponent);
  const raw = golubKahan(tall);
  if (exponent !== 0) scaleBy(raw.s, 2 ** exponent);
  // For A^T = U' S V'^T we have A = V' S U'^T.
  const result = wide ? { u: raw.v, s: raw.s, v: raw.u } : raw;
  fixSigns(result);
  return result;
}

/** Multiplies in place; a power of two as factor changes no digit (short of the exponent range's ends). */
function scaleBy(x: Float64Array, factor: number): void {
  for (let i = 0; i < x.length; i++) x[i] = x[i]! * factor;
}

function assertFinite(m: Matrix): void {
  if (m.data.length !== m.rows * m.cols) {
    throw new RangeError(`svd: matrix is ${m.rows} x ${m.cols} but holds ${m.data.length} values`);
  }
  const bad = m.data.findIndex((x) => !Number.isFinite(x));
  if (bad >= 0) {
    const i = Math.floor(bad / m.cols);
    throw new RangeError(`svd: entry (${i}, ${bad - i * m.cols}) is ${m.data[bad]}; all entries must be finite`);
  }
}

/** SVD of a matrix with rows >= cols, which it overwrites. */
function golubKahan(a: Matrix): Svd {
  const { rows, cols: n } = a;
  const { d, e, qt, pt } = bidiagonalize(a.data, rows, n);
  bidiagonalQr(d, e, qt, rows, pt, n, bidiagonalValues(d, e));
  const order = Array.from({ length: n }, (_, j) => j).sort((x, y) => d[y]! - d[x]! || x - y);
  const u: Matrix = { rows, cols: n, data: new Float64Array(rows * n) };
  const v: Matrix = { rows: n, cols: n, data: new Float64Array(n * n) };
  const s = new Float64Array(n);
  order.forEach((j, k) => {
    s[k] = d[j]!;
    for (let i = 0; i < rows; i++) u.data[i * n + k] = qt[j * rows + i]!;
    for (let i = 0; i < n; i++) v.data[i * n + k] = pt[j * n + i]!;
  });
  return { u, s, v };
}
