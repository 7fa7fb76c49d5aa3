/**
 * Log binomial densities after Loader (2000), "Fast and accurate computation of binomial probabilities":
 * a saddle-point form that keeps full relative precision where differences of log-factorials would cancel.
 * Internal to `stats/`; callers use the hypergeometric functions.
 */

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

/** n! for n <= 15, exact in a double (15! < 2^53). */
const SMALL_FACTORIALS = Array.from({ length: 16 }, (_, n) => {
  let f = 1;
  for (let i = 2; i <= n; i++) f *= i;
  return f;
});

/** Stirling's error: log(n!) - [(n + 1/2) log n - n + log sqrt(2 pi)]. */
export function stirlingError(n: number): number {
  if (n === 0) return 0;
  if (n <= 15) return Math.log(SMALL_FACTORIALS[n]!) - (n + 0.5) * Math.log(n) + n - LOG_SQRT_2PI;
  const nn = n * n;
  const s0 = 1 / 12;
  const s1 = 1 / 360;
  const s2 = 1 / 1260;
  const s3 = 1 / 1680;
  const s4 = 1 / 1188;
  // Fewer terms of the asymptotic series suffice as n grows; the first dropped term stays below 1e-17.
  if (n > 500) return (s0 - s1 / nn) / n;
  if (n > 80) return (s0 - (s1 - s2 / nn) / nn) / n;
  if (n > 35) return (s0 - (s1 - (s2 - s3 / nn) / nn) / nn) / n;
  return (s0 - (s1 - (s2 - (s3 - s4 / nn) / nn) / nn) / nn) / n;
}

/** Deviance term x log(x / np) + np - x, summed as a series where x is close to np to avoid cancellation. */
export function devianceTerm(x: number, np: number): number {
  if (Math.abs(x - np) < 0.1 * (x + np)) {
    let v = (x - np) / (x + np);
    let s = (x - np) * v;
    if (Math.abs(s) < Number.MIN_VALUE) return s;
    let ej = 2 * x * v;
    v *= v;
    for (let j = 1; j < 1000; j++) {
      ej *= v;
      const next = s + ej / (2 * j + 1);
      if (next === s) return next;
      s = next;
    }
  }
  return x * Math.log(x / np) + np - x;
}

/**
 * Natural log of the binomial density P(X = x), X ~ Binomial(n, p), with q = 1 - p passed separately so that
 * callers can supply it without rounding. Integer arguments are assumed.
 */
export function logBinomialDensity(x: number, n: number, p: number, q: number): number {
  if (x < 0 || x > n) return -Infinity;
  if (p === 0) return x === 0 ? 0 : -Infinity;
  if (q === 0) return x === n ? 0 : -Infinity;
  if (x === 0) {
    if (n === 0) return 0;
    return p < 0.1 ? -devianceTerm(n, n * q) - n * p : n * Math.log(q);
  }
  if (x === n) return q < 0.1 ? -devianceTerm(n, n * p) - n * q : n * Math.log(p);
  const lc =
    stirlingError(n) -
    stirlingError(x) -
    stirlingError(n - x) -
    devianceTerm(x, n * p) -
    devianceTerm(n - x, n * q);
  const lf = Math.log(2 * Math.PI) + Math.log(x) + Math.log1p(-x / n);
  return lc - 0.5 * lf;
}
