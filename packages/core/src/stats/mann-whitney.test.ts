import { describe, expect, it } from 'vitest';
import { mannWhitneyU } from './mann-whitney';

describe('mannWhitneyU', () => {
  it('gives the exact two-sided p of complete separation: 2 / C(6, 3) = 0.1', () => {
    const r = mannWhitneyU([1, 2, 3], [4, 5, 6]);
    expect(r.method).toBe('exact');
    expect(r.u).toBe(0);
    expect(r.uOther).toBe(9);
    expect(r.p).toBeCloseTo(0.1, 12);
  });

  it('gives the exact p of interleaved samples from the counts 1,1,2,3 of U <= 3 out of 20', () => {
    const r = mannWhitneyU([1, 3, 5], [2, 4, 6]);
    expect(r.u).toBe(3);
    expect(r.p).toBeCloseTo((2 * 7) / 20, 12);
  });

  it('uses the tie-corrected normal approximation with ties (hand-computed U = 2.5, p = 0.1367)', () => {
    // Midranks 1, 3, 3, 5.5 for x; variance 16/12 * (9 - 30/56) = 11.2857; z = (5.5 - 0.5) / 3.3594 = 1.4883.
    const r = mannWhitneyU([1, 2, 2, 3], [2, 3, 4, 5]);
    expect(r.method).toBe('normal');
    expect(r.u).toBe(2.5);
    expect(r.z).toBeCloseTo(-5.5 / Math.sqrt(11.285714), 5);
    expect(r.p).toBeCloseTo(0.1367, 3);
  });

  it('is symmetric in its samples', () => {
    const a = mannWhitneyU([0.1, 0.5, 0.9, 0.3], [0.2, 0.8, 0.7]);
    const b = mannWhitneyU([0.2, 0.8, 0.7], [0.1, 0.5, 0.9, 0.3]);
    expect(a.p).toBeCloseTo(b.p, 12);
    expect(a.u).toBe(b.uOther);
  });

  it('gives p = 1 when every value is the same', () => {
    expect(mannWhitneyU([2, 2], [2, 2, 2]).p).toBe(1);
  });

  it('finds two well-separated samples of 16 significant at 1e-6', () => {
    const x = Array.from({ length: 16 }, (_, i) => i / 100);
    const y = Array.from({ length: 16 }, (_, i) => 1 + i / 100);
    expect(mannWhitneyU(x, y).p).toBeLessThan(1e-6);
  });

  it('rejects an empty sample and a value that is not finite, naming them', () => {
    expect(() => mannWhitneyU([], [1])).toThrow(/both samples need values \(got 0 and 1\)/);
    expect(() => mannWhitneyU([1, Number.NaN], [1])).toThrow(/finite, got NaN/);
  });
});
