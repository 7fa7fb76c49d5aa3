import type { Matrix } from '../linalg/matrix';
import { createRandom } from '../random/create-random';
import { layeredGraph } from './layered-graph';
import { clusterGraph, type SpectralClusteringResult } from './spectral-clustering';

export interface ShuffleTestInput {
  matrices: readonly Matrix[];
  k: number;
  /** Shuffled networks to compare with; default 100. */
  shuffles?: number;
  seed?: number;
  /** k-means restarts per clustering; default 10. */
  restarts?: number;
}

export interface ShuffleTestResult {
  observedNCut: number;
  shuffledNCuts: number[];
  mean: number;
  /** Sample standard deviation of the shuffled n-cuts. */
  sd: number;
  /** (observed - mean) / sd; negative when the network is more modular than its shuffles; 0 when sd is 0. */
  zScore: number;
  /** (#shuffled with n-cut at or below observed + 1) / (shuffles + 1). */
  p: number;
  clustering: SpectralClusteringResult;
}

/**
 * Whether a network is more clusterable than chance (Filan et al. 2020): clusters it, then clusters `shuffles`
 * copies in which each layer matrix's entries are permuted (seeded), and compares n-cuts. Ties with the observed
 * n-cut count against significance, so matrices that shuffling cannot change get p = 1.
 * @throws RangeError for fewer than 1 shuffle, or see `spectralClustering`.
 */
export function shuffleTest(input: ShuffleTestInput): ShuffleTestResult {
  const shuffles = input.shuffles ?? 100;
  if (!Number.isSafeInteger(shuffles) || shuffles < 1) throw new RangeError(`shuffleTest: shuffles must be a positive integer, got ${shuffles}`);
  const { k, restarts } = input;
  const random = createRandom(input.seed ?? 0);
  const clustering = clusterGraph(layeredGraph(input.matrices), { k, restarts, seed: random.int(2 ** 31) });
  const observed = clustering.nCut;
  const shuffledNCuts: number[] = [];
  for (let s = 0; s < shuffles; s++) {
    const permuted = input.matrices.map((m) => ({ rows: m.rows, cols: m.cols, data: random.shuffle(Float64Array.from(m.data)) }));
    shuffledNCuts.push(clusterGraph(layeredGraph(permuted), { k, restarts, seed: random.int(2 ** 31) }).nCut);
  }
  const mean = shuffledNCuts.reduce((sum, x) => sum + x, 0) / shuffles;
  const sd = shuffles > 1 ? Math.sqrt(shuffledNCuts.reduce((sum, x) => sum + (x - mean) ** 2, 0) / (shuffles - 1)) : 0;
  const atOrBelow = shuffledNCuts.filter((x) => x <= observed + 1e-9 * Math.max(1, Math.abs(observed))).length;
  return {
    observedNCut: observed,
    shuffledNCuts,
    mean,
    sd,
    zScore: sd > 0 ? (observed - mean) / sd : 0,
    p: (atOrBelow + 1) / (shuffles + 1),
    clustering,
  };
}
