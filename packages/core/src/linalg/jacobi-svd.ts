import type { Matrix } from './matrix';
import type { Svd } from './svd';
import { transpose } from './transpose';
import { fixSigns } from './svd-signs';
import { completeOrthonormal } from './complete-orthonormal';
import { pivotedQr } from './pivoted-qr';

const MAX_SWEEPS = 60;

/**
 * The SVD branchscope used before Golub-Kahan (see svd.ts), kept as an independent reference for tests and as the
 * old column of bench/svd.ts: about 8x slower on an 832 x 832 matrix, but accurate to working precision in every
 * singular value relative to itself, so it checks the new one on ill-conditioned matrices.
 *
 * Thin SVD by one-sided (Hestenes) Jacobi: accurate to working precision, including the small singular values,
 * and deterministic. Singular values come out descending. Signs are fixed so results can be compared and cached:
 * each pair (u[:,k], v[:,k]) is flipped so that the entry of largest magnitude in u[:,k] is positive (the first
 * such entry on exact ties). Both U and V always have orthonormal columns: where a singular value is zero (to
 * rounding), the undetermined singular vector is completed to an orthonormal basis deterministically.
 *
 * Throws a RangeError on non-finite entries, or if Jacobi does not converge within 60 sweeps.
 */
export function jacobiSvd(m: Matrix): Svd {
  assertFinite(m);
  const wide = m.rows < m.cols;
  const tall = wide ? transpose(m) : m;
  const raw = jacobiTall(tall);
  // For A^T = U' S V'^T we have A = V' S U'^T.
  const result = wide ? { u: raw.v, s: raw.s, v: raw.u } : raw;
  fixSigns(result);
  return result;
}

function assertFinite(m: Matrix): void {
  if (m.data.length !== m.rows * m.cols) {
    throw new RangeError(`jacobiSvd: matrix is ${m.rows} x ${m.cols} but holds ${m.data.length} values`);
  }
  const bad = m.data.findIndex((x) => !Number.isFinite(x));
  if (bad >= 0) {
    const i = Math.floor(bad / m.cols);
    throw new RangeError(`jacobiSvd: entry (${i}, ${bad - i * m.cols}) is ${m.data[bad]}; all entries must be finite`);
  }
}

/**
 * One-sided Jacobi on a matrix with rows >= cols, preconditioned by pivoted QR (Drmac and Veselic): with
 * A P = Q R and R^T = X, Jacobi orthogonalises X's columns, X J = U_x S, so A = (Q J) S (P U_x)^T.
 */
function jacobiTall(a: Matrix): Svd {
  const rows = a.rows;
  const n = a.cols;
  const { q, r, perm } = pivotedQr(a);
  // Column i of X = R^T is row i of R, so R's row-major storage already holds X's columns contiguously.
  const x = r;
  // J's columns, contiguous; U = Q J is formed once at the end, which is cheaper than rotating Q's long columns.
  const rotations = new Float64Array(n * n);
  for (let i = 0; i < n; i++) rotations[i * n + i] = 1;
  const norms = new Float64Array(n);
  // Rounding alone leaves |x_p . x_q| around sqrt(n) * eps * |x_p| |x_q|, so ask for no more than that.
  const tol = Math.sqrt(n) * Number.EPSILON;

  let converged = n < 2;
  for (let sweep = 0; sweep < MAX_SWEEPS && !converged; sweep++) {
    // Fresh norms each sweep keep the running updates below from drifting.
    for (let j = 0; j < n; j++) norms[j] = sumSquares(x, j * n, n);
    converged = true;
    // Visiting the largest columns first (de Rijk's ordering) saves a sweep or two.
    const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => norms[b]! - norms[a]! || a - b);
    for (let pi = 0; pi < n - 1; pi++) {
      const p = order[pi]!;
      const po = p * n;
      for (let ki = pi + 1; ki < n; ki++) {
        const k = order[ki]!;
        const alpha = norms[p]!;
        const beta = norms[k]!;
        if (alpha === 0 || beta === 0) continue;
        const ko = k * n;
        let gamma = 0;
        for (let i = 0; i < n; i++) gamma += x[po + i]! * x[ko + i]!;
        if (Math.abs(gamma) <= tol * Math.sqrt(alpha) * Math.sqrt(beta)) continue;
        converged = false;
        const zeta = (beta - alpha) / (2 * gamma);
        const t = (zeta >= 0 ? 1 : -1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = c * t;
        rotatePair(x, rotations, po, ko, n, c, s);
        norms[p] = Math.max(0, alpha - t * gamma);
        norms[k] = Math.max(0, beta + t * gamma);
      }
    }
  }
  if (!converged) {
    throw new RangeError(`jacobiSvd: one-sided Jacobi did not converge in ${MAX_SWEEPS} sweeps for a ${rows} x ${n} matrix`);
  }
  return assemble(x, multiplyColumns(q, rotations, rows, n), perm, rows, n);
}

/** Q J with both stored column by column (Q: m x n, J: n x n); the result is stored the same way. */
function multiplyColumns(q: Float64Array, j: Float64Array, m: number, n: number): Float64Array {
  const out = new Float64Array(m * n);
  for (let k = 0; k < n; k++) {
    const ko = k * m;
    for (let i = 0; i < n; i++) {
      const factor = j[k * n + i]!;
      if (factor === 0) continue;
      const qo = i * m;
      for (let r = 0; r < m; r++) out[ko + r] = out[ko + r]! + factor * q[qo + r]!;
    }
  }
  return out;
}

function sumSquares(x: Float64Array, offset: number, length: number): number {
  let sum = 0;
  for (let i = offset; i < offset + length; i++) sum += x[i]! * x[i]!;
  return sum;
}

/** The same plane rotation on columns p and q of both x and y (both with columns of length n). */
function rotatePair(x: Float64Array, y: Float64Array, po: number, qo: number, n: number, c: number, s: number): void {
  for (let i = 0; i < n; i++) {
    const xp = x[po + i]!;
    const xq = x[qo + i]!;
    x[po + i] = c * xp - s * xq;
    x[qo + i] = s * xp + c * xq;
    const yp = y[po + i]!;
    const yq = y[qo + i]!;
    y[po + i] = c * yp - s * yq;
    y[qo + i] = s * yp + c * yq;
  }
}

/** Sorts the converged columns by norm and splits them into U, s and V (row-major outputs). */
function assemble(x: Float64Array, q: Float64Array, perm: Int32Array, rows: number, n: number): Svd {
  const norms = Array.from({ length: n }, (_, j) => Math.sqrt(sumSquares(x, j * n, n)));
  const order = Array.from({ length: n }, (_, j) => j).sort((a, b) => norms[b]! - norms[a]! || a - b);
  const sMax = n > 0 ? norms[order[0]!]! : 0;
  // Below this a column is rounding noise: its direction is not trustworthy, so V gets a completed basis vector.
  const negligible = sMax * Math.max(rows, n) * Number.EPSILON;
  const u: Matrix = { rows, cols: n, data: new Float64Array(rows * n) };
  const v: Matrix = { rows: n, cols: n, data: new Float64Array(n * n) };
  const s = new Float64Array(n);
  const missing: number[] = [];
  order.forEach((j, k) => {
    s[k] = norms[j]!;
    for (let i = 0; i < rows; i++) u.data[i * n + k] = q[j * rows + i]!;
    if (s[k] === 0 || s[k]! <= negligible) {
      missing.push(k);
      return;
    }
    for (let i = 0; i < n; i++) v.data[perm[i]! * n + k] = x[j * n + i]! / s[k]!;
  });
  if (missing.length > 0) completeOrthonormal(v, missing);
  return { u, s, v };
}
