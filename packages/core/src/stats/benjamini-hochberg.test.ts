import { describe, expect, it } from 'vitest';
import { benjaminiHochberg } from './benjamini-hochberg';

describe('benjaminiHochberg', () => {
  it('matches a hand-computed example in the input order (to 1e-15)', () => {
    // sorted: 0.005*5/1 = 0.025, 0.01*5/2 = 0.025, 0.03*5/3 = 0.05, 0.04*5/4 = 0.05, 0.2*5/5 = 0.2
    const q = benjaminiHochberg([0.01, 0.04, 0.03, 0.005, 0.2]);
    [0.025, 0.05, 0.05, 0.025, 0.2].forEach((expected, i) => expect(q[i]).toBeCloseTo(expected, 15));
  });

  it('carries a smaller later ratio down to earlier ranks', () => {
    // raw ratios 0.04, 0.04, 0.028, 0.5: the third pulls the first two down to 0.028
    const q = benjaminiHochberg([0.01, 0.02, 0.021, 0.5]);
    [0.028, 0.028, 0.028, 0.5].forEach((expected, i) => expect(q[i]).toBeCloseTo(expected, 15));
  });

  it('never exceeds 1 and keeps the order of the p-values', () => {
    const p = [0.9, 0.99, 0.5, 0.97, 1, 0.2];
    const q = benjaminiHochberg(p);
    for (const value of q) expect(value).toBeLessThanOrEqual(1);
    for (let i = 0; i < p.length; i++) {
      for (let j = 0; j < p.length; j++) if (p[i]! < p[j]!) expect(q[i]!).toBeLessThanOrEqual(q[j]!);
    }
  });

  it('leaves a single p-value unchanged', () => {
    expect(benjaminiHochberg([0.037])).toEqual([0.037]);
  });

  it('returns an empty list for no tests', () => {
    expect(benjaminiHochberg([])).toEqual([]);
  });

  it('rejects a p-value outside [0, 1], naming its index', () => {
    expect(() => benjaminiHochberg([0.1, Number.NaN])).toThrow(/p-value 1 .*NaN/);
  });
});
