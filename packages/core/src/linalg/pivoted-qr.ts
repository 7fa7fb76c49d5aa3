import type { Matrix } from './matrix';

/** A P = Q R with Q m x n orthonormal, R n x n upper triangular with non-increasing |diagonal|, P a permutation. */
export interface PivotedQr {
  /** Q's columns stored contiguously: Q[r, j] at q[j * m + r]. */
  q: Float64Array;
  /** R row-major: R[i, j] at r[i * n + j]. */
  r: Float64Array;
  /** Column j of A P is column perm[j] of A. */
  perm: Int32Array;
}

/**
 * Householder QR with column pivoting (largest remaining column norm first, the first on ties) of a matrix with
 * rows >= cols. Used to precondition one-sided Jacobi: Jacobi on R^T needs far fewer sweeps than on A.
 */
export function pivotedQr(a: Matrix): PivotedQr {
  const m = a.rows;
  const n = a.cols;
  if (m < n) throw new RangeError(`pivotedQr: needs rows >= cols, got ${m} x ${n}`);
  const w = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) w[j * m + i] = a.data[i * n + j]!;
  const perm = Int32Array.from({ length: n }, (_, j) => j);
  const betas = new Float64Array(n);
  const r = new Float64Array(n * n);

  for (let k = 0; k < n; k++) {
    // Recomputing trailing norms (rather than downdating them) costs little next to Jacobi and never drifts.
    let pivot = k;
    let pivotNorm = -1;
    for (let j = k; j < n; j++) {
      let sum = 0;
      for (let i = k; i < m; i++) sum += w[j * m + i]! * w[j * m + i]!;
      if (sum > pivotNorm) {
        pivotNorm = sum;
        pivot = j;
      }
    }
    if (pivot !== k) {
      for (let i = 0; i < m; i++) {
        const held = w[k * m + i]!;
        w[k * m + i] = w[pivot * m + i]!;
        w[pivot * m + i] = held;
      }
      const held = perm[k]!;
      perm[k] = perm[pivot]!;
      perm[pivot] = held;
    }
    const ko = k * m;
    const norm = Math.sqrt(pivotNorm);
    const x0 = w[ko + k]!;
    const alpha = x0 > 0 ? -norm : norm;
    // v = x - alpha e_1 is kept in place of column k (rows k..m-1); beta = v.v.
    w[ko + k] = x0 - alpha;
    const beta = 2 * norm * (norm + Math.abs(x0));
    betas[k] = beta;
    for (let j = k + 1; j < n; j++) applyReflector(w, ko, j * m, k, m, beta);
    r[k * n + k] = alpha;
  }
  // Read R's strict upper triangle only now: later pivots swap whole columns, including rows already final.
  for (let j = 0; j < n; j++) for (let i = 0; i < j; i++) r[i * n + j] = w[j * m + i]!;

  // Q = H_0 ... H_{n-1} [I; 0], applied right to left; H_k leaves columns j < k untouched.
  const q = new Float64Array(m * n);
  for (let j = 0; j < n; j++) q[j * m + j] = 1;
  for (let k = n - 1; k >= 0; k--) {
    for (let j = k; j < n; j++) applyReflector(q, k * m, j * m, k, m, betas[k]!, w);
  }
  return { q, r, perm };
}

/** x <- (I - 2 v v^T / beta) x on rows from..m-1, with v stored at vOffset in `v` (default: the same array). */
function applyReflector(x: Float64Array, vOffset: number, xOffset: number, from: number, m: number, beta: number, v = x): void {
  if (beta === 0) return;
  let dot = 0;
  for (let i = from; i < m; i++) dot += v[vOffset + i]! * x[xOffset + i]!;
  const scale = (2 * dot) / beta;
  for (let i = from; i < m; i++) x[xOffset + i] = x[xOffset + i]! - scale * v[vOffset + i]!;
}
