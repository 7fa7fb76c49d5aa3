/**
 * Golub-Kahan bidiagonalization by Householder reflections: A = Q B P^T for a rows x cols matrix with
 * rows >= cols, B upper bidiagonal (diagonal d, superdiagonal e).
 *
 * Q and P are returned transposed and thin, one basis vector per row (`qt`: cols x rows, `pt`: cols x cols),
 * because the bidiagonal QR iteration that follows combines pairs of those vectors, and rows of a row-major
 * Float64Array are contiguous.
 */
export interface Bidiagonal {
  rows: number;
  cols: number;
  /** cols diagonal entries of B. */
  d: Float64Array;
  /** cols entries: e[k] = B[k, k+1]; the last is always 0. */
  e: Float64Array;
  /** cols x rows: row k is column k of Q. */
  qt: Float64Array;
  /** cols x cols: row k is column k of P. */
  pt: Float64Array;
}

/**
 * Bidiagonalizes `data` (rows x cols, row-major, rows >= cols), which it overwrites. Every loop runs along rows,
 * and step k visits the trailing rows once: it applies the left reflection of step k to each row, then the right
 * one, and adds the row, scaled by its entry in the next column, into the sum the left reflection of step k+1 needs
 * (w = v^T A), so no separate pass computes that product.
 */
export function bidiagonalize(data: Float64Array, rows: number, cols: number): Bidiagonal {
  if (rows < cols) throw new RangeError(`bidiagonalize: needs rows >= cols, got ${rows} x ${cols}`);
  const m = rows;
  const n = cols;
  const d = new Float64Array(n);
  const e = new Float64Array(n);
  // Reflector k (left) is I - tauLeft[k] v v^T with v[i] = leftV[k * m + i] for rows i = k..m-1 (v[k] = 1).
  const leftV = new Float64Array(n * m);
  const tauLeft = new Float64Array(n);
  // Reflector k (right) acts on coordinates k+1..n-1: I - tauRight[k] u u^T, u[j] = rightV[k * n + j].
  const rightV = new Float64Array(n * n);
  const tauRight = new Float64Array(n);
  const w = new Float64Array(n);
  // For the coming step k: sum[j] = sum over rows i > k of A[i, k] A[i, j], and below2 = sum of A[i, k]^2.
  let sum = new Float64Array(n);
  let nextSum = new Float64Array(n);
  let below2 = 0;
  for (let i = 1; i < m; i++) {
    const ro = i * n;
    const x = data[ro]!;
    below2 += x * x;
    if (x !== 0) for (let j = 1; j < n; j++) sum[j] = sum[j]! + x * data[ro + j]!;
  }

  for (let k = 0; k < n; k++) {
    const c0 = k + 1;
    const ko = k * n;
    // Left reflection: zero column k below the diagonal.
    const vOff = k * m;
    const alpha = data[ko + k]!;
    const norm2 = alpha * alpha + below2;
    let tau = 0;
    let beta = alpha;
    w.fill(0, c0, n);
    leftV[vOff + k] = 1;
    if (below2 > 0 && norm2 > alpha * alpha) {
      beta = alpha >= 0 ? -Math.sqrt(norm2) : Math.sqrt(norm2);
      tau = (beta - alpha) / beta;
      const scale = 1 / (alpha - beta);
      for (let i = k + 1; i < m; i++) leftV[vOff + i] = data[i * n + k]! * scale;
      // w = tau v^T A[k:, k+1:] = tau (row k + scale * sum).
      for (let j = c0; j < n; j++) {
        w[j] = tau * (data[ko + j]! + scale * sum[j]!);
        data[ko + j] = data[ko + j]! - w[j]!;
      }
    }
    tauLeft[k] = tau;
    d[k] = beta;

    // Right reflection: zero row k beyond the superdiagonal.
    const uOff = k * n;
    let tauR = 0;
    if (k < n - 1) {
      let rnorm2 = 0;
      for (let j = c0; j < n; j++) {
        const x = data[ko + j]!;
        rightV[uOff + j] = x;
        rnorm2 += x * x;
      }
      const ralpha = data[ko + c0]!;
      let rbeta = ralpha;
      if (rnorm2 > ralpha * ralpha) {
        rbeta = ralpha >= 0 ? -Math.sqrt(rnorm2) : Math.sqrt(rnorm2);
        tauR = (rbeta - ralpha) / rbeta;
        const scale = 1 / (ralpha - rbeta);
        for (let j = c0 + 1; j < n; j++) rightV[uOff + j] = rightV[uOff + j]! * scale;
      } else {
        for (let j = c0 + 1; j < n; j++) rightV[uOff + j] = 0;
      }
      rightV[uOff + c0] = 1;
      e[k] = rbeta;
    }
    tauRight[k] = tauR;
    if (k === n - 1) break;

    // One visit per row k+1..m-1: left reflection, right reflection, and the next step's sums.
    nextSum.fill(0, c0 + 1, n);
    below2 = 0;
    for (let i = k + 1; i < m; i++) {
      const ro = i * n;
      const vi = leftV[vOff + i]!;
      // Four running sums: one sum would make every element wait for the previous addition.
      let d0 = 0;
      let d1 = 0;
      let d2 = 0;
      let d3 = 0;
      let j = c0;
      if (vi !== 0) {
        for (; j + 3 < n; j += 4) {
          const x0 = data[ro + j]! - vi * w[j]!;
          const x1 = data[ro + j + 1]! - vi * w[j + 1]!;
          const x2 = data[ro + j + 2]! - vi * w[j + 2]!;
          const x3 = data[ro + j + 3]! - vi * w[j + 3]!;
          data[ro + j] = x0;
          data[ro + j + 1] = x1;
          data[ro + j + 2] = x2;
          data[ro + j + 3] = x3;
          d0 += x0 * rightV[uOff + j]!;
          d1 += x1 * rightV[uOff + j + 1]!;
          d2 += x2 * rightV[uOff + j + 2]!;
          d3 += x3 * rightV[uOff + j + 3]!;
        }
        for (; j < n; j++) {
          const x = data[ro + j]! - vi * w[j]!;
          data[ro + j] = x;
          d0 += x * rightV[uOff + j]!;
        }
      } else {
        for (; j < n; j++) d0 += data[ro + j]! * rightV[uOff + j]!;
      }
      const dot = (d0 + d1 + (d2 + d3)) * tauR;
      const lead = data[ro + c0]! - dot;
      data[ro + c0] = lead;
      if (i === k + 1) {
        if (dot !== 0) for (let j = c0 + 1; j < n; j++) data[ro + j] = data[ro + j]! - dot * rightV[uOff + j]!;
        continue;
      }
      below2 += lead * lead;
      if (dot !== 0) {
        for (let j = c0 + 1; j < n; j++) {
          const x = data[ro + j]! - dot * rightV[uOff + j]!;
          data[ro + j] = x;
          nextSum[j] = nextSum[j]! + lead * x;
        }
      } else if (lead !== 0) {
        for (let j = c0 + 1; j < n; j++) nextSum[j] = nextSum[j]! + lead * data[ro + j]!;
      }
    }
    [sum, nextSum] = [nextSum, sum];
  }

  return { rows: m, cols: n, d, e, qt: formQt(leftV, tauLeft, m, n), pt: formPt(rightV, tauRight, n) };
}

/**
 * Q^T's first n rows, E^T H_{n-1} ... H_0, multiplied out from the left: E^T times H_{n-1} first. H_k touches
 * columns k.. only, and rows j < k are still e_j there, so step k works on rows k..n-1 alone.
 */
function formQt(leftV: Float64Array, tau: Float64Array, m: number, n: number): Float64Array {
  const qt = new Float64Array(n * m);
  for (let j = 0; j < n; j++) qt[j * m + j] = 1;
  applyReflectorsFromRight(qt, m, n, leftV, m, tau, 0, n - 1);
  return qt;
}

/** P^T = G_{n-3} ... G_0 the same way (G_k acts on coordinates k+1..n-1). */
function formPt(rightV: Float64Array, tau: Float64Array, n: number): Float64Array {
  const pt = new Float64Array(n * n);
  for (let j = 0; j < n; j++) pt[j * n + j] = 1;
  applyReflectorsFromRight(pt, n, n, rightV, n, tau, 1, n - 2);
  return pt;
}

/**
 * x <- x H_last H_(last-1) ... H_0 for x with `rows` rows of length `stride`, where reflector k is
 * I - tau[k] v v^T with v[c] = vectors[k * vStride + c], zero for c < k + shift, and rows below k + shift are
 * untouched (still unit vectors there). Reflectors go four at a time: x H1 H2 H3 H4 = x - sum a_i v_i with
 * a_i = t_i (x . v_i - sum_{j<i} a_j (v_j . v_i)), so each row takes one pass for the four dot products and one
 * for the update.
 */
function applyReflectorsFromRight(
  x: Float64Array,
  stride: number,
  rows: number,
  vectors: Float64Array,
  vStride: number,
  tau: Float64Array,
  shift: number,
  last: number,
): void {
  let k = last;
  for (; k >= 3; k -= 4) {
    const t1 = tau[k]!;
    const t2 = tau[k - 1]!;
    const t3 = tau[k - 2]!;
    const t4 = tau[k - 3]!;
    const o1 = k * vStride;
    const o2 = o1 - vStride;
    const o3 = o2 - vStride;
    const o4 = o3 - vStride;
    const c0 = k - 3 + shift;
    let g12 = 0;
    let g13 = 0;
    let g14 = 0;
    let g23 = 0;
    let g24 = 0;
    let g34 = 0;
    for (let c = c0; c < stride; c++) {
      const v1 = vectors[o1 + c]!;
      const v2 = vectors[o2 + c]!;
      const v3 = vectors[o3 + c]!;
      const v4 = vectors[o4 + c]!;
      g12 += v1 * v2;
      g13 += v1 * v3;
      g14 += v1 * v4;
      g23 += v2 * v3;
      g24 += v2 * v4;
      g34 += v3 * v4;
    }
    for (let r = c0; r < rows; r++) {
      const ro = r * stride;
      let d1 = 0;
      let d2 = 0;
      let d3 = 0;
      let d4 = 0;
      // Two sums per product (odd and even columns) halve the chains of dependent additions.
      let e1 = 0;
      let e2 = 0;
      let e3 = 0;
      let e4 = 0;
      let c = c0;
      for (; c + 1 < stride; c += 2) {
        const xc = x[ro + c]!;
        const xd = x[ro + c + 1]!;
        d1 += xc * vectors[o1 + c]!;
        d2 += xc * vectors[o2 + c]!;
        d3 += xc * vectors[o3 + c]!;
        d4 += xc * vectors[o4 + c]!;
        e1 += xd * vectors[o1 + c + 1]!;
        e2 += xd * vectors[o2 + c + 1]!;
        e3 += xd * vectors[o3 + c + 1]!;
        e4 += xd * vectors[o4 + c + 1]!;
      }
      if (c < stride) {
        const xc = x[ro + c]!;
        d1 += xc * vectors[o1 + c]!;
        d2 += xc * vectors[o2 + c]!;
        d3 += xc * vectors[o3 + c]!;
        d4 += xc * vectors[o4 + c]!;
      }
      d1 += e1;
      d2 += e2;
      d3 += e3;
      d4 += e4;
      const a1 = t1 * d1;
      const a2 = t2 * (d2 - a1 * g12);
      const a3 = t3 * (d3 - a1 * g13 - a2 * g23);
      const a4 = t4 * (d4 - a1 * g14 - a2 * g24 - a3 * g34);
      if (a1 === 0 && a2 === 0 && a3 === 0 && a4 === 0) continue;
      for (let c = c0; c < stride; c++) {
        x[ro + c] =
          x[ro + c]! - a1 * vectors[o1 + c]! - a2 * vectors[o2 + c]! - a3 * vectors[o3 + c]! - a4 * vectors[o4 + c]!;
      }
    }
  }
  for (; k >= 0; k--) reflectRows(x, stride, k + shift, rows, vectors, k * vStride, k + shift, stride, tau[k]!);
}

/**
 * x[r, c0:c1] -= t (x[r, c0:c1] . v) v^T for rows r in r0..r1-1 of a row-major x with `stride` columns, where
 * v[c] is stored at vector[vOff + c].
 */
function reflectRows(
  x: Float64Array,
  stride: number,
  r0: number,
  r1: number,
  vector: Float64Array,
  vOff: number,
  c0: number,
  c1: number,
  t: number,
): void {
  if (t === 0) return;
  for (let r = r0; r < r1; r++) {
    const ro = r * stride;
    let dot = 0;
    for (let c = c0; c < c1; c++) dot += x[ro + c]! * vector[vOff + c]!;
    dot *= t;
    if (dot === 0) continue;
    for (let c = c0; c < c1; c++) x[ro + c] = x[ro + c]! - dot * vector[vOff + c]!;
  }
}
