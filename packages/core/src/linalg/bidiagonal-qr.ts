import { RowRotations } from './row-rotations';

/**
 * Singular values of an upper bidiagonal B (diagonal s, superdiagonal e, e[n-1] = 0) by the implicit-shift QR
 * iteration of Golub and Kahan, as LINPACK's dsvdc does it (deflation by negligible superdiagonal entries,
 * splitting at negligible diagonal entries, Wilkinson-type shift from the trailing 2 x 2 block).
 *
 * On return s holds the singular values (non-negative, unsorted). The left rotations are applied to the rows of
 * `ut` (n rows of length `uLength`) and the right ones to the rows of `vt` (n rows of length `vLength`), so if
 * A = Ut^T B Vt on entry, A = Ut^T diag(s) Vt on return. Both s and e are overwritten.
 *
 * Throws a RangeError when the iteration has not converged after 75 QR steps per singular value.
 */
export function bidiagonalQr(
  s: Float64Array,
  e: Float64Array,
  ut: Float64Array,
  uLength: number,
  vt: Float64Array,
  vLength: number,
  knownValues?: Float64Array,
): void {
  const n = s.length;
  // A batch of up to n^2 rotations (about one QR pass over all values), at most 32768 (0.75 MiB).
  const batch = Math.max(64, Math.min(1 << 15, n * n));
  const left = new RowRotations(ut, uLength, uLength > 0 ? batch : 64);
  const right = new RowRotations(vt, vLength, vLength > 0 ? batch : 64);
  const guesses = knownValues ? Float64Array.from(knownValues).sort() : undefined;
  let stepsAtP = 0;
  const negate = new Uint8Array(n);
  const eps = 2 ** -52;
  const tiny = 2 ** -966;
  const maxSteps = 75 * n;
  // Entries below eps ||B|| are negligible: the bidiagonalization already moved every singular value by about that.
  let norm = 0;
  for (let i = 0; i < n; i++) norm = Math.max(norm, Math.abs(s[i]!) + Math.abs(e[i]!));
  const negligible = tiny + eps * norm;
  let steps = 0;
  let p = n;

  while (p > 0) {
    // Find k: e[k] negligible with k < p - 1 as large as possible (k = -1 when none).
    let k: number;
    for (k = p - 2; k >= 0; k--) {
      if (Math.abs(e[k]!) <= negligible) {
        e[k] = 0;
        break;
      }
    }
    let kase: number;
    if (k === p - 2) {
      kase = 4;
    } else {
      let ks: number;
      for (ks = p - 1; ks > k; ks--) {
        if (Math.abs(s[ks]!) <= negligible) {
          s[ks] = 0;
          break;
        }
      }
      if (ks === k) {
        kase = 3;
      } else if (ks === p - 1) {
        kase = 1;
      } else {
        kase = 2;
        k = ks;
      }
    }
    k++;

    if (kase === 1) {
      // s[p-1] is negligible: chase e[p-2] up the column with right rotations.
      let f = e[p - 2]!;
      e[p - 2] = 0;
      for (let j = p - 2; j >= k; j--) {
        const t = Math.hypot(s[j]!, f);
        const cs = s[j]! / t;
        const sn = f / t;
        s[j] = t;
        if (j !== k) {
          f = -sn * e[j - 1]!;
          e[j - 1] = cs * e[j - 1]!;
        }
        right.push(j, p - 1, cs, sn);
      }
    } else if (kase === 2) {
      // s[k-1] is negligible: split there, chasing e[k-1] along the row with left rotations.
      let f = e[k - 1]!;
      e[k - 1] = 0;
      for (let j = k; j < p; j++) {
        const t = Math.hypot(s[j]!, f);
        const cs = s[j]! / t;
        const sn = f / t;
        s[j] = t;
        f = -sn * e[j]!;
        e[j] = cs * e[j]!;
        left.push(j, k - 1, cs, sn);
      }
    } else if (kase === 3) {
      if (++steps > maxSteps) {
        throw new RangeError(`svd: the bidiagonal QR iteration did not converge in ${maxSteps} steps (n = ${n})`);
      }
      // The shift: the eigenvalue of the trailing 2 x 2 block of B^T B closer to its last entry.
      const scale = Math.max(
        Math.abs(s[p - 1]!),
        Math.abs(s[p - 2]!),
        Math.abs(e[p - 2]!),
        Math.abs(s[k]!),
        Math.abs(e[k]!),
      );
      const sp = s[p - 1]! / scale;
      const spm1 = s[p - 2]! / scale;
      const epm1 = e[p - 2]! / scale;
      const sk = s[k]! / scale;
      const ek = e[k]! / scale;
      const b = ((spm1 + sp) * (spm1 - sp) + epm1 * epm1) / 2;
      const c = sp * epm1 * (sp * epm1);
      let shift = 0;
      if (b !== 0 || c !== 0) {
        shift = Math.sqrt(b * b + c);
        if (b < 0) shift = -shift;
        shift = c / (b + shift);
      }
      let f = (sk + sp) * (sk - sp) + shift;
      if (guesses && ++stepsAtP <= 1) {
        // A singular value known from a first pass without vectors, the one nearest the shift, deflates the
        // bottom in about one step instead of two (the rotations on the vectors are most of the cost).
        const nearest = nearestValue(guesses, Math.sqrt(Math.max(0, sp * sp - shift)) * scale) / scale;
        f = (sk + nearest) * (sk - nearest);
      }
      let g = sk * ek;
      // Chase the bulge down the bidiagonal.
      for (let j = k; j < p - 1; j++) {
        let t = Math.hypot(f, g);
        let cs = f / t;
        let sn = g / t;
        if (j !== k) e[j - 1] = t;
        f = cs * s[j]! + sn * e[j]!;
        e[j] = cs * e[j]! - sn * s[j]!;
        g = sn * s[j + 1]!;
        s[j + 1] = cs * s[j + 1]!;
        right.push(j, j + 1, cs, sn);
        t = Math.hypot(f, g);
        cs = f / t;
        sn = g / t;
        s[j] = t;
        f = cs * e[j]! + sn * s[j + 1]!;
        s[j + 1] = -sn * e[j]! + cs * s[j + 1]!;
        g = sn * e[j + 1]!;
        e[j + 1] = cs * e[j + 1]!;
        left.push(j, j + 1, cs, sn);
      }
      e[p - 2] = f;
    } else {
      // s[p-1] has converged: make it non-negative (the row of vt it leaves is never rotated again).
      if (s[k]! <= 0) {
        if (s[k]! < 0) negate[k] = 1;
        s[k] = s[k]! < 0 ? -s[k]! : 0;
      }
      p--;
      stepsAtP = 0;
    }
  }
  left.flush();
  right.flush();
  for (let k = 0; k < n; k++) {
    if (negate[k] === 0) continue;
    for (let j = k * vLength; j < (k + 1) * vLength; j++) vt[j] = -vt[j]!;
  }
}

/** The entry of an ascending array nearest to x. */
function nearestValue(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  const above = sorted[lo]!;
  const below = lo > 0 ? sorted[lo - 1]! : above;
  return x - below < above - x ? below : above;
}

/** The singular values of an upper bidiagonal (unsorted), by the same iteration without vectors. */
export function bidiagonalValues(s: Float64Array, e: Float64Array): Float64Array {
  const values = Float64Array.from(s);
  bidiagonalQr(values, Float64Array.from(e), new Float64Array(0), 0, new Float64Array(0), 0);
  return values;
}
