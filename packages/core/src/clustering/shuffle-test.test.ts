import { describe, expect, it } from 'vitest';
import { fromRows } from '../linalg/matrix';
import type { Matrix } from '../linalg/matrix';
import { iidMatrices, plantedBlocks, plantedLabels } from './planted-graphs.test-support';
import { shuffleTest } from './shuffle-test';

/** `matrices` with matrix `index` scaled by `factor`. */
const weaken = (matrices: Matrix[], index: number, factor: number): Matrix[] =>
  matrices.map((m, l) => (l === index ? { ...m, data: m.data.map((v) => v * factor) } : m));

describe('shuffleTest', () => {
  it('finds planted blocks more clusterable than every shuffle: p = 1/101 and a large negative z-score', () => {
    const result = shuffleTest({ matrices: plantedBlocks(3, 24, 2, 0.05, 1), k: 2, shuffles: 100, seed: 1, restarts: 3 });
    expect(result.clustering.labels).toEqual(plantedLabels(3, 24, 2));
    expect(result.p).toBe(1 / 101);
    expect(result.shuffledNCuts).toHaveLength(100);
    expect(Math.min(...result.shuffledNCuts)).toBeGreaterThan(result.observedNCut);
    expect(result.zScore).toBeLessThan(-10);
    expect(result.warnings).toEqual([]);
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

  // Planted blocks with nothing between them (observed n-cut 0) and a middle matrix 1000 times weaker: every
  // shuffle loses the blocks and cuts through the weak matrix, whose n-cut shuffling cannot change, so the
  // shuffled n-cuts agree to rounding (sd about 5e-19) and z used to come out near -2e15.
  it('reports z as null with a warning when every shuffle gives the same n-cut up to rounding', () => {
    const matrices = weaken(plantedBlocks(4, 24, 2, 0, 1), 1, 0.001);
    const result = shuffleTest({ matrices, k: 2, shuffles: 20, seed: 1, restarts: 2 });
    expect(result.observedNCut).toBe(0);
    const spread = Math.max(...result.shuffledNCuts) - Math.min(...result.shuffledNCuts);
    expect(spread).toBeLessThan(1e-12 * result.mean);
    expect(result.sd).toBe(0);
    expect(result.zScore).toBeNull();
    expect(result.p).toBe(1 / 21);
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatch(/^all 20 shuffles gave the same n-cut \(0\.00100\d*; sd .* is rounding\), so the z-score is undefined \(null\)/);
  });

  it('gives z = null with a warning for a single shuffle', () => {
    const result = shuffleTest({ matrices: iidMatrices(3, 8, 1), k: 2, shuffles: 1, seed: 2, restarts: 2 });
    expect(result.zScore).toBeNull();
    expect(result.warnings).toEqual(['one shuffle gives no spread to compare with, so the z-score is undefined (null); ask for more shuffles']);
  });

  // i.i.d. weights with a middle matrix 100 times weaker: with k = 2 the clustering cuts through that matrix,
  // two whole layers on each side, a cut whose n-cut depends only on the matrices' sums, which shuffles keep.
  it('warns when the clusters are whole layers, a cut shuffling cannot change (p = 1 by construction)', () => {
    const matrices = weaken(iidMatrices(4, 8, 5), 1, 0.01);
    const result = shuffleTest({ matrices, k: 2, shuffles: 20, seed: 1, restarts: 2, layerNames: ['conv1', 'conv2', 'conv3', 'conv4'] });
    expect(result.clustering.clustersByLayer).toEqual([Array(8).fill(0), Array(8).fill(0), Array(8).fill(1), Array(8).fill(1)]);
    expect(result.p).toBe(1);
    expect(result.zScore).toBeNull();
    expect(result.warnings).toContain(
      'the 2 clusters are whole layers (conv1, conv2 | conv3, conv4): shuffling within layers cannot change this cut, ' +
        'so p = 1 says nothing about the weights; use k > 4 (the number of layers) or one layer pair',
    );
    // With more clusters than layers, clusters cannot all be whole layers.
    const finer = shuffleTest({ matrices, k: 5, shuffles: 5, seed: 1, restarts: 2 });
    expect(finer.warnings.filter((w) => w.includes('whole layers'))).toEqual([]);
  });

  it('gives no warning for i.i.d. weights, and names layers by index without layerNames', () => {
    const result = shuffleTest({ matrices: iidMatrices(3, 12, 50), k: 2, shuffles: 20, seed: 0, restarts: 3 });
    expect(result.warnings).toEqual([]);
    expect(result.zScore).not.toBeNull();
    const whole = shuffleTest({ matrices: weaken(iidMatrices(4, 8, 5), 1, 0.01), k: 2, shuffles: 5, seed: 1, restarts: 2 });
    expect(whole.warnings.at(-1)).toMatch(/^the 2 clusters are whole layers \(layer 0, layer 1 \| layer 2, layer 3\)/);
  });

  it('rejects layer names that do not match the layers', () => {
    expect(() => shuffleTest({ matrices: iidMatrices(3, 4, 1), k: 2, shuffles: 2, layerNames: ['a', 'b'] })).toThrow(
      /2 matrices join 3 layers, got 2 layer names/,
    );
  });

  it('repeats the same result for the same seed', () => {
    const run = () => shuffleTest({ matrices: iidMatrices(3, 8, 4), k: 2, shuffles: 10, seed: 7, restarts: 2 });
    expect(run().shuffledNCuts).toEqual(run().shuffledNCuts);
  });

  it('rejects a non-positive shuffle count', () => {
    expect(() => shuffleTest({ matrices: iidMatrices(2, 4, 1), k: 2, shuffles: 0 })).toThrow(/shuffles must be a positive integer, got 0/);
  });
});
