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
  /** Names of the layers (matrices.length + 1), used in warnings; `layer 0`, `layer 1`, ... by default. */
  layerNames?: readonly string[];
}

export interface ShuffleTestResult {
  observedNCut: number;
  shuffledNCuts: number[];
  mean: number;
  /**
   * Sample standard deviation of the shuffled n-cuts; 0 when it is at most {@link SD_TOLERANCE} × |mean| (the
   * shuffles all gave the same n-cut and what is left is rounding) or when there is one shuffle.
   */
  sd: number;
  /**
   * (observed - mean) / sd; negative when the network is more modular than its shuffles. Null when sd is 0: a
   * z-score against no spread is undefined (dividing by rounding noise gave values like -2e15); `warnings` says so.
   */
  zScore: number | null;
  /** (#shuffled with n-cut at or below observed + 1) / (shuffles + 1). */
  p: number;
  clustering: SpectralClusteringResult;
  /** What makes z or p say less than they seem to, in sentences: no spread among the shuffles, whole-layer clusters. */
  warnings: string[];
}

/**
 * Relative tolerance under which differences between n-cuts are rounding: the shuffled n-cuts count as equal to
 * each other (sd 0) when their sd is at most this times |mean|, and as tied with the observed n-cut when within
 * this times max(1, |observed|). n-cuts of different partitions differ far more than this.
 */
export const SD_TOLERANCE = 1e-9;

/**
 * The layers of each cluster when every layer lies entirely in one cluster, else undefined. Such a partition
 * cuts whole layer matrices (every entry or none), and its n-cut depends only on each matrix's sum, which
 * shuffling within a matrix keeps: no shuffle can change it.
 */
export function wholeLayerClusters(clustering: SpectralClusteringResult): number[][] | undefined {
  const clusterOfLayer: number[] = [];
  for (const labels of clustering.clustersByLayer) {
    if (labels.length === 0 || labels.some((label) => label !== labels[0])) return undefined;
    clusterOfLayer.push(labels[0]!);
  }
  const layersOf = new Map<number, number[]>();
  clusterOfLayer.forEach((cluster, layer) => layersOf.set(cluster, [...(layersOf.get(cluster) ?? []), layer]));
  return [...layersOf.keys()].sort((a, b) => a - b).map((cluster) => layersOf.get(cluster)!);
}

/**
 * Whether a network is more clusterable than chance (Filan et al. 2020): clusters it, then clusters `shuffles`
 * copies in which each layer matrix's entries are permuted (seeded), and compares n-cuts. Ties with the observed
 * n-cut count against significance, so matrices that shuffling cannot change get p = 1.
 *
 * Two results carry a warning: shuffled n-cuts without spread (z is then null, not a quotient of rounding
 * noise), and an observed clustering whose clusters are whole layers. The latter happens with k at most the
 * number of layers when one layer matrix is much weaker than its neighbours: the cut through it has an n-cut
 * fixed by the matrices' sums, the shuffles usually find the same cut, and p = 1 then says nothing about the
 * weights' structure.
 * @throws RangeError for fewer than 1 shuffle, a `layerNames` of the wrong length, or see `spectralClustering`.
 */
export function shuffleTest(input: ShuffleTestInput): ShuffleTestResult {
  const shuffles = input.shuffles ?? 100;
  if (!Number.isSafeInteger(shuffles) || shuffles < 1) throw new RangeError(`shuffleTest: shuffles must be a positive integer, got ${shuffles}`);
  const { k, restarts } = input;
  const names = input.layerNames ?? Array.from({ length: input.matrices.length + 1 }, (_, l) => `layer ${l}`);
  if (names.length !== input.matrices.length + 1) {
    throw new RangeError(`shuffleTest: ${input.matrices.length} matrices join ${input.matrices.length + 1} layers, got ${names.length} layer names`);
  }
  const random = createRandom(input.seed ?? 0);
  const clustering = clusterGraph(layeredGraph(input.matrices), { k, restarts, seed: random.int(2 ** 31) });
  const observed = clustering.nCut;
  const shuffledNCuts: number[] = [];
  for (let s = 0; s < shuffles; s++) {
    const permuted = input.matrices.map((m) => ({ rows: m.rows, cols: m.cols, data: random.shuffle(Float64Array.from(m.data)) }));
    shuffledNCuts.push(clusterGraph(layeredGraph(permuted), { k, restarts, seed: random.int(2 ** 31) }).nCut);
  }
  const mean = shuffledNCuts.reduce((sum, x) => sum + x, 0) / shuffles;
  const rawSd = shuffles > 1 ? Math.sqrt(shuffledNCuts.reduce((sum, x) => sum + (x - mean) ** 2, 0) / (shuffles - 1)) : 0;
  const sd = rawSd > SD_TOLERANCE * Math.abs(mean) ? rawSd : 0;
  const atOrBelow = shuffledNCuts.filter((x) => x <= observed + SD_TOLERANCE * Math.max(1, Math.abs(observed))).length;
  const p = (atOrBelow + 1) / (shuffles + 1);
  const warnings: string[] = [];
  if (sd === 0) {
    warnings.push(
      shuffles === 1
        ? 'one shuffle gives no spread to compare with, so the z-score is undefined (null); ask for more shuffles'
        : `all ${shuffles} shuffles gave the same n-cut (${mean.toPrecision(6)}; sd ${rawSd.toExponential(1)} is rounding), so the ` +
            `z-score is undefined (null): compare the observed n-cut ${observed.toPrecision(6)} with that value directly`,
    );
  }
  const whole = wholeLayerClusters(clustering);
  if (whole) {
    const shown = whole.map((layers) => layers.map((l) => names[l]).join(', ')).join(' | ');
    warnings.push(
      `the ${whole.length} clusters are whole layers (${shown}): shuffling within layers cannot change this cut, so ` +
        `p = ${formatP(p)} says nothing about the weights; use k > ${names.length} (the number of layers)${names.length > 2 ? ' or one layer pair' : ''}`,
    );
  }
  return {
    observedNCut: observed,
    shuffledNCuts,
    mean,
    sd,
    zScore: sd > 0 ? (observed - mean) / sd : null,
    p,
    clustering,
    warnings,
  };
}

/** p as people read it: 1, 0.0099, 0.5. */
const formatP = (p: number): string => (p === 1 ? '1' : String(Number(p.toPrecision(2))));
