import { describe, expect, it } from 'vitest';
import { createRandom } from '../random/create-random';
import { bimodalityCoefficient, bimodalityTest, UNIFORM_BIMODALITY_COEFFICIENT } from './bimodality';

describe('bimodalityCoefficient', () => {
  it("matches the adjusted skewness and kurtosis of Excel's SKEW and KURT documentation example", () => {
    // SKEW(3,4,5,2,3,4,5,6,4,7) = 0.359543071, KURT(...) = -0.151799637 (Microsoft's function reference).
    const bc = bimodalityCoefficient([3, 4, 5, 2, 3, 4, 5, 6, 4, 7]);
    expect(bc.skewness).toBeCloseTo(0.359543071, 8);
    expect(bc.excessKurtosis).toBeCloseTo(-0.151799637, 8);
    expect(bc.coefficient).toBeCloseTo((0.359543071 ** 2 + 1) / (-0.151799637 + (3 * 81) / 56), 8);
  });

  it('gives (n-2)(n-3) / ((n-1)(n+1)) for two equal point masses, tending to 1', () => {
    for (const n of [10, 40, 400]) {
      const values = Array.from({ length: n }, (_, i) => (i < n / 2 ? 0 : 1));
      expect(bimodalityCoefficient(values).coefficient).toBeCloseTo(((n - 2) * (n - 3)) / ((n - 1) * (n + 1)), 12);
    }
  });

  it('gives about 5/9 for a large uniform sample and about 1/3 for a large normal one', () => {
    const random = createRandom(7);
    const uniform = Array.from({ length: 20000 }, () => random.next());
    const normal = Array.from({ length: 20000 }, () => random.normal());
    expect(Math.abs(bimodalityCoefficient(uniform).coefficient - UNIFORM_BIMODALITY_COEFFICIENT)).toBeLessThan(0.01);
    expect(Math.abs(bimodalityCoefficient(normal).coefficient - 1 / 3)).toBeLessThan(0.01);
  });

  it('rejects fewer than 4 values and values that are not finite', () => {
    expect(() => bimodalityCoefficient([1, 2, 3])).toThrow(/at least 4 values, got 3/);
    expect(() => bimodalityCoefficient([1, 2, NaN, 3])).toThrow(/finite, got NaN/);
  });
});

describe('bimodalityTest', () => {
  const random = createRandom(3);
  const twoClusters = Array.from({ length: 64 }, (_, i) => (i % 2 === 0 ? 0.05 : 0.8) + 0.05 * random.next());
  const oneCluster = Array.from({ length: 64 }, () => 0.6 + 0.1 * random.normal());

  it('finds two clusters far more two-moded than uniform samples, one normal cluster not', () => {
    expect(bimodalityTest(twoClusters, { samples: 199 }).pUniform).toBeCloseTo(1 / 200, 12);
    expect(bimodalityTest(oneCluster, { samples: 199 }).pUniform).toBeGreaterThan(0.9);
  });

  it('is the same for the same seed', () => {
    expect(bimodalityTest(oneCluster, { samples: 99, seed: 5 })).toEqual(bimodalityTest(oneCluster, { samples: 99, seed: 5 }));
  });
});
