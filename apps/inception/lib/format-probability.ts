/**
 * A probability for a table: `1` for certainty, 3 significant digits from 0.001 up, and 5 significant digits in
 * scientific notation below (`2.4847e-9`). When `p` underflowed to 0 or sits below 1e-300, the value comes from its
 * natural log `logP`, which the API keeps finite, so even 1e-400 prints.
 *
 * @throws Error naming the values when neither is usable (p negative or above 1, or a non-finite logP with p 0).
 */
export function formatProbability(p: number, logP: number): string {
  if (!(p >= 0 && p <= 1)) throw new Error(`formatProbability: p must lie in [0, 1], got ${p}`);
  if (p === 1) return '1';
  if (p >= 1e-3) return String(Number(p.toPrecision(3)));
  if (p >= 1e-300) return p.toExponential(4);
  if (!Number.isFinite(logP)) throw new Error(`formatProbability: p = ${p} underflows and logP = ${logP} is not finite`);
  const log10 = logP / Math.LN10;
  let exponent = Math.floor(log10);
  let mantissa = 10 ** (log10 - exponent);
  // Rounding the mantissa to 5 digits can carry it to 10.0000.
  if (Number(mantissa.toFixed(4)) >= 10) {
    mantissa /= 10;
    exponent += 1;
  }
  return `${mantissa.toFixed(4)}e${exponent}`;
}
