import { describe, expect, it } from 'vitest';
import { pearsonCorrelation, spearmanCorrelation } from './correlation';

describe('pearsonCorrelation', () => {
  it('matches the hand-computed 11 / sqrt(130) for a small sample', () => {
    expect(pearsonCorrelation([1, 2, 3, 4], [2, 4, 5, 9])).toBeCloseTo(11 / Math.sqrt(130), 12);
  });

  it('is -1 for a decreasing line', () => {
    expect(pearsonCorrelation([0, 1, 2], [5, 3, 1])).toBeCloseTo(-1, 12);
  });

  it('is 0 when one sample is constant', () => {
    expect(pearsonCorrelation([1, 2, 3], [4, 4, 4])).toBe(0);
  });

  it('rejects samples of different lengths, naming both', () => {
    expect(() => pearsonCorrelation([1, 2], [1, 2, 3])).toThrow(/2 and 3/);
  });
});

describe('spearmanCorrelation', () => {
  it('is 1 for any increasing relation', () => {
    expect(spearmanCorrelation([1, 2, 3, 4], [1, 8, 27, 1000])).toBeCloseTo(1, 12);
  });

  it('uses midranks for ties (hand-computed 4.5 / sqrt(22.5))', () => {
    expect(spearmanCorrelation([1, 2, 2, 3], [1, 3, 2, 4])).toBeCloseTo(4.5 / Math.sqrt(22.5), 12);
  });
});
