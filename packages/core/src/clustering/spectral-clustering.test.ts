import { describe, expect, it } from 'vitest';
import { plantedBlocks, plantedLabels } from './planted-graphs.test-support';
import { spectralClustering } from './spectral-clustering';

describe('spectralClustering', () => {
  it('recovers two planted blocks across 3 layers of 24 units exactly', () => {
    const result = spectralClustering(plantedBlocks(3, 24, 2, 0.05, 1), { k: 2, seed: 1 });
    expect(result.labels).toEqual(plantedLabels(3, 24, 2));
    expect(result.clustersByLayer).toHaveLength(3);
    expect(result.clustersByLayer[1]).toEqual(plantedLabels(1, 24, 2));
  });

  it('recovers three planted blocks across 4 layers of 30 units exactly', () => {
    const result = spectralClustering(plantedBlocks(4, 30, 3, 0.05, 2), { k: 3, seed: 2 });
    expect(result.labels).toEqual(plantedLabels(4, 30, 3));
  });

  it('gives the same partition, n-cut (1e-9) and eigenvalues (1e-8) on the Krylov path as on the dense one', () => {
    const matrices = plantedBlocks(3, 24, 2, 0.05, 3);
    const dense = spectralClustering(matrices, { k: 2, seed: 4 });
    const krylov = spectralClustering(matrices, { k: 2, seed: 4, denseBelow: 0 });
    expect(krylov.labels).toEqual(dense.labels);
    expect(Math.abs(krylov.nCut - dense.nCut)).toBeLessThan(1e-9);
    krylov.eigenvalues.forEach((value, i) => expect(Math.abs(value - dense.eigenvalues[i]!)).toBeLessThan(1e-8));
    expect(krylov.eigenResidual).toBeLessThan(1e-6);
  });

  it('reports the Laplacian eigenvalue 0 first and a small second one for two nearly separate blocks', () => {
    const { eigenvalues } = spectralClustering(plantedBlocks(3, 24, 2, 0.05, 1), { k: 2 });
    expect(Math.abs(eigenvalues[0]!)).toBeLessThan(1e-12);
    expect(eigenvalues[1]!).toBeGreaterThan(0);
    expect(eigenvalues[1]!).toBeLessThan(0.2);
  });

  it('gives a low n-cut for the planted partition of nearly separate blocks', () => {
    expect(spectralClustering(plantedBlocks(3, 24, 2, 0.05, 1), { k: 2 }).nCut).toBeLessThan(0.15);
  });

  it('repeats the same labels for the same seed', () => {
    const matrices = plantedBlocks(3, 20, 2, 0.8, 5);
    expect(spectralClustering(matrices, { k: 3, seed: 6 }).labels).toEqual(spectralClustering(matrices, { k: 3, seed: 6 }).labels);
  });

  it('rejects k below 2 or above the node count, naming the limit', () => {
    const matrices = plantedBlocks(2, 4, 2, 0.1, 1);
    expect(() => spectralClustering(matrices, { k: 1 })).toThrow(/k must be an integer in \[2, 8\].*got 1/);
    expect(() => spectralClustering(matrices, { k: 9 })).toThrow(/got 9/);
  });
});
