import { describe, expect, it } from 'vitest';
import { fromRows } from '../linalg/matrix';
import { iidMatrices, plantedBlocks, plantedLabels } from './planted-graphs.test-support';
import { shuffleTest } from './shuffle-test';

describe('shuffleTest', () => {
  it('finds planted blocks more clusterable than every shuffle: p = 1/101 and a large negative z-score', () => {
    const result = shuffleTest({ matrices: plantedBlocks(3, 24, 2, 0.05, 1), k: 2, shuffles: 100, seed: 1, restarts: 3 });
    expect(result.clustering.labels).toEqual(plantedLabels(3, 24, 2));
    expect(result.p).toBe(1 / 101);
    expect(result.shuffledNCuts).toHaveLength(100);
    expect(Math.min(...result.shuffledNCuts)).toBeGreaterThan(result.observedNCut);
    expect(result.zScore).toBeLessThan(-10);
  });

  // Under i.i.d. weights the network is exchangeable with its shuffles, so p is uniform on {1/101, ..., 1}.
  // Robust assertion over 10 seeds: mean p in (0.2, 0.8), at most 3 below 0.05, and at least one above 0.5.
  it('spreads p over (0, 1] for i.i.d. weights across 10 seeds', () => {
    const ps = Array.from(
      { length: 10 },
      (_, seed) => shuffleTest({ matrices: iidMatrices(3, 12, 50 + seed), k: 2, shuffles: 100, seed, restarts: 3 }).p,
    );
    const mean = ps.reduce((sum, p) => sum + p, 0) / ps.length;
    expect(mean).toBeGreaterThan(0.2);
    expect(mean).toBeLessThan(0.8);
    expect(ps.filter((p) => p < 0.05).length).toBeLessThanOrEqual(3);
    expect(Math.max(...ps)).toBeGreaterThan(0.5);
  });

  it('reports the mean and sample sd of the shuffled n-cuts and z = (observed - mean) / sd', () => {
    const result = shuffleTest({ matrices: iidMatrices(3, 8, 1), k: 2, shuffles: 20, seed: 2, restarts: 2 });
    const mean = result.shuffledNCuts.reduce((s, x) => s + x, 0) / 20;
    const sd = Math.sqrt(result.shuffledNCuts.reduce((s, x) => s + (x - mean) ** 2, 0) / 19);
    expect(result.mean).toBeCloseTo(mean, 12);
    expect(result.sd).toBeCloseTo(sd, 12);
    expect(result.zScore).toBeCloseTo((result.observedNCut - mean) / sd, 10);
  });

  it('gives p = 1 when shuffling cannot change the network (all weights equal)', () => {
    const ones = fromRows(Array.from({ length: 6 }, () => [1, 1, 1, 1, 1, 1]));
    expect(shuffleTest({ matrices: [ones, ones], k: 2, shuffles: 10, seed: 3, restarts: 2 }).p).toBe(1);
  });

  it('repeats the same result for the same seed', () => {
    const run = () => shuffleTest({ matrices: iidMatrices(3, 8, 4), k: 2, shuffles: 10, seed: 7, restarts: 2 });
    expect(run().shuffledNCuts).toEqual(run().shuffledNCuts);
  });

  it('rejects a non-positive shuffle count', () => {
    expect(() => shuffleTest({ matrices: iidMatrices(2, 4, 1), k: 2, shuffles: 0 })).toThrow(/shuffles must be a positive integer, got 0/);
  });
});
