import { createRandom } from '../random/create-random';

/**
 * Hartigan's dip of a sample (Hartigan & Hartigan 1985; algorithm AS 217 with Maechler's fix, as R's diptest computes
 * it): the largest distance between the sample's distribution function and the nearest unimodal one. It lies in
 * [1/(2n), 1/4]: 1/(2n) for a sample spread evenly, 1/4 for two equal point masses (min(p, 1-p)/2 for masses p, 1-p).
 * @throws RangeError when the sample is empty or a value is not finite.
 */
export function hartiganDip(values: readonly number[]): number {
  const n = values.length;
  if (n === 0) throw new RangeError('hartiganDip: the sample is empty');
  const bad = values.find((v) => !Number.isFinite(v));
  if (bad !== undefined) throw new RangeError(`hartiganDip: every value must be finite, got ${bad}`);
  // 1-based, as the algorithm is written: x[1] <= ... <= x[n].
  const x = [0, ...[...values].sort((a, b) => a - b)];
  let dip = 1;
  if (n < 2 || x[n] === x[1]) return dip / (2 * n);
  // Indices over which the greatest convex minorant (mn) and least concave majorant (mj) combine.
  const mn = new Array<number>(n + 1).fill(0);
  const mj = new Array<number>(n + 1).fill(0);
  mn[1] = 1;
  for (let j = 2; j <= n; j++) {
    mn[j] = j - 1;
    for (;;) {
      const mnj = mn[j]!;
      const mnmnj = mn[mnj]!;
      if (mnj === 1 || (x[j]! - x[mnj]!) * (mnj - mnmnj) < (x[mnj]! - x[mnmnj]!) * (j - mnj)) break;
      mn[j] = mnmnj;
    }
  }
  mj[n] = n;
  for (let k = n - 1; k >= 1; k--) {
    mj[k] = k + 1;
    for (;;) {
      const mjk = mj[k]!;
      const mjmjk = mj[mjk]!;
      if (mjk === n || (x[k]! - x[mjk]!) * (mjk - mjmjk) < (x[mjk]! - x[mjmjk]!) * (k - mjk)) break;
      mj[k] = mjmjk;
    }
  }
  const gcm = new Array<number>(n + 2).fill(0);
  const lcm = new Array<number>(n + 2).fill(0);
  let low = 1;
  let high = n;
  for (;;) {
    // The change points of the GCM from high to low, and of the LCM from low to high.
    gcm[1] = high;
    let i = 1;
    while (gcm[i]! > low) {
      gcm[i + 1] = mn[gcm[i]!]!;
      i++;
    }
    const lGcm = i;
    let ig = lGcm;
    let ix = ig - 1;
    lcm[1] = low;
    i = 1;
    while (lcm[i]! < high) {
      lcm[i + 1] = mj[lcm[i]!]!;
      i++;
    }
    const lLcm = i;
    let ih = lLcm;
    let iv = 2;
    // The largest distance between the GCM and the LCM from low to high.
    let d = 0;
    if (lGcm !== 2 || lLcm !== 2) {
      do {
        const gcmix = gcm[ix]!;
        const lcmiv = lcm[iv]!;
        if (gcmix > lcmiv) {
          const gcmi1 = gcm[ix + 1]!;
          const dx = lcmiv - gcmi1 + 1 - ((x[lcmiv]! - x[gcmi1]!) * (gcmix - gcmi1)) / (x[gcmix]! - x[gcmi1]!);
          iv++;
          if (dx >= d) {
            d = dx;
            ig = ix + 1;
            ih = iv - 1;
          }
        } else {
          const lcmiv1 = lcm[iv - 1]!;
          const dx = ((x[gcmix]! - x[lcmiv1]!) * (lcmiv - lcmiv1)) / (x[lcmiv]! - x[lcmiv1]!) - (gcmix - lcmiv1 - 1);
          ix--;
          if (dx >= d) {
            d = dx;
            ig = ix + 1;
            ih = iv;
          }
        }
        if (ix < 1) ix = 1;
        if (iv > lLcm) iv = lLcm;
      } while (gcm[ix] !== lcm[iv]);
    } else {
      d = 1;
    }
    if (d < dip) break;
    // The dips of the convex minorant and of the concave majorant for the current low and high.
    let dipL = 0;
    for (let j = ig; j < lGcm; j++) {
      let maxT = 1;
      const jb = gcm[j + 1]!;
      const je = gcm[j]!;
      if (je - jb > 1 && x[je] !== x[jb]) {
        const c = (je - jb) / (x[je]! - x[jb]!);
        for (let jj = jb; jj <= je; jj++) maxT = Math.max(maxT, jj - jb + 1 - (x[jj]! - x[jb]!) * c);
      }
      dipL = Math.max(dipL, maxT);
    }
    let dipU = 0;
    for (let j = ih; j < lLcm; j++) {
      let maxT = 1;
      const jb = lcm[j]!;
      const je = lcm[j + 1]!;
      if (je - jb > 1 && x[je] !== x[jb]) {
        const c = (je - jb) / (x[je]! - x[jb]!);
        for (let jj = jb; jj <= je; jj++) maxT = Math.max(maxT, (x[jj]! - x[jb]!) * c - (jj - jb - 1));
      }
      dipU = Math.max(dipU, maxT);
    }
    dip = Math.max(dip, dipL, dipU);
    // Without this check the cycle may not end (Maechler, 1994).
    if (low === gcm[ig] && high === lcm[ih]) break;
    low = gcm[ig]!;
    high = lcm[ih]!;
  }
  return dip / (2 * n);
}

/** Hartigan's dip with how often samples of the same size from a uniform distribution reach it. */
export interface DipTest {
  n: number;
  dip: number;
  /**
   * (#uniform samples of size n whose dip is at least the observed + 1) / (samples + 1): the uniform is the least
   * favourable unimodal null (Hartigan & Hartigan 1985), as R's `dip.test(simulate.p.value = TRUE)` draws it.
   */
  pUniform: number;
  samples: number;
  seed: number;
}

/**
 * {@link hartiganDip} and a seeded Monte Carlo p against `samples` (default 999) uniform samples of the same size.
 * @throws RangeError for an empty sample, a value that is not finite, or `samples` not a positive integer.
 */
export function dipTest(values: readonly number[], options: { samples?: number; seed?: number } = {}): DipTest {
  const samples = options.samples ?? 999;
  const seed = options.seed ?? 0;
  if (!Number.isInteger(samples) || samples < 1) throw new RangeError(`dipTest: samples must be a positive integer, got ${samples}`);
  const dip = hartiganDip(values);
  const random = createRandom(seed);
  const draw = new Array<number>(values.length);
  let atLeast = 0;
  for (let s = 0; s < samples; s++) {
    for (let i = 0; i < draw.length; i++) draw[i] = random.next();
    // A relative tolerance, so a draw equal to the observed dip up to rounding counts as reaching it.
    if (hartiganDip(draw) >= dip * (1 - 1e-12)) atLeast++;
  }
  return { n: values.length, dip, pUniform: (atLeast + 1) / (samples + 1), samples, seed };
}
