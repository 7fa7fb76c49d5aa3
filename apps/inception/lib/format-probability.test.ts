import { describe, expect, it } from 'vitest';
import { formatProbability } from './format-probability';

describe('formatProbability', () => {
  it("prints the article's mixed3a claim with 5 significant digits", () => {
    expect(formatProbability(2.4847210327344675e-9, -19.813105444168524)).toBe('2.4847e-9');
  });

  it('prints 1 for certainty and 3 significant digits from 0.001 up', () => {
    expect(formatProbability(1, 0)).toBe('1');
    expect(formatProbability(0.01519607843137255, -4.1867)).toBe('0.0152');
    expect(formatProbability(0.0017948124131542409, -6.32)).toBe('0.00179');
  });

  it('reads a probability that underflowed to 0 from its log', () => {
    // ln(3.2e-400) = ln(3.2) - 400 ln(10)
    expect(formatProbability(0, Math.log(3.2) - 400 * Math.LN10)).toBe('3.2000e-400');
  });

  it('reads values below 1e-300 from the log too, carrying a mantissa that rounds to 10', () => {
    expect(formatProbability(1e-310, Math.log(9.999996) - 311 * Math.LN10)).toBe('1.0000e-310');
  });

  it('rejects a p outside [0, 1], naming it', () => {
    expect(() => formatProbability(1.5, 0)).toThrow('formatProbability: p must lie in [0, 1], got 1.5');
  });

  it('rejects an underflowed p whose log is not finite', () => {
    expect(() => formatProbability(0, Number.NEGATIVE_INFINITY)).toThrow(/p = 0 underflows and logP = -Infinity/);
  });
});
