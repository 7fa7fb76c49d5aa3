import type { Matrix } from '../linalg/matrix';
import { symmetricEigen } from '../linalg/symmetric-eigen';
import { createRandom, type Random } from '../random/create-random';
import { kMeans } from './k-means';
import { largestEigenpairs } from './largest-eigenpairs';
import { layeredGraph, multiplyAdjacency, type LayeredGraph } from './layered-graph';
import { nCutOf } from './n-cut';

export interface SpectralClusteringOptions {
  /** Number of clusters, at least 2. */
  k: number;
  seed?: number;
  /** k-means++ restarts; the lowest inertia wins. Default 10. */
  restarts?: number;
  /** Graphs with fewer nodes are decomposed densely (all eigenpairs); larger ones by block Krylov. Default 300. */
  denseBelow?: number;
}

export interface SpectralClusteringResult {
  /** Cluster of every node, layer by layer, numbered in order of first appearance. */
  labels: number[];
  /** The same labels split per layer. */
  clustersByLayer: number[][];
  layerSizes: number[];
  nCut: number;
  /** The k smallest eigenvalues of the normalised Laplacian, ascending. */
  eigenvalues: number[];
  /** Largest residual |L u - lambda u| of the eigenvectors used: 0 on the dense path (exact up to rounding). */
  eigenResidual: number;
}

/** Top-k eigenvectors of D^-1/2 A D^-1/2 and the matching Laplacian eigenvalues 1 - lambda. */
function embedding(graph: LayeredGraph, k: number, random: Random, denseBelow: number): [Float64Array[], number[], number] {
  const n = graph.nodes;
  const scale = graph.degrees.map((d) => (d > 0 ? 1 / Math.sqrt(d) : 0));
  if (n < denseBelow) {
    const s = { rows: n, cols: n, data: new Float64Array(n * n) };
    const unit = new Float64Array(n);
    const column = new Float64Array(n);
    for (let v = 0; v < n; v++) {
      unit.fill(0);
      unit[v] = scale[v]!;
      multiplyAdjacency(graph, unit, column);
      for (let u = 0; u < n; u++) s.data[u * n + v] = scale[u]! * column[u]!;
    }
    const { values, vectors } = symmetricEigen(s);
    const picked = Array.from({ length: k }, (_, r) => n - 1 - r);
    const columns = picked.map((c) => Float64Array.from({ length: n }, (_, u) => vectors.data[u * n + c]!));
    return [columns, picked.map((c) => 1 - values[c]!), 0];
  }
  // I + S has the same eigenvectors with eigenvalues in [0, 2], so its largest are the Laplacian's smallest.
  const scaled = new Float64Array(n);
  const apply = (x: Float64Array, y: Float64Array) => {
    for (let u = 0; u < n; u++) scaled[u] = scale[u]! * x[u]!;
    multiplyAdjacency(graph, scaled, y);
    for (let u = 0; u < n; u++) y[u] = x[u]! + scale[u]! * y[u]!;
  };
  const pairs = largestEigenpairs(apply, n, k, { seed: random.int(2 ** 31), tolerance: 1e-6 });
  return [pairs.vectors, Array.from(pairs.values, (theta) => 2 - theta), pairs.residual];
}

/** Labels renumbered by first appearance, so equal partitions compare equal. */
function canonical(labels: ArrayLike<number>): number[] {
  const names = new Map<number, number>();
  return Array.from(labels, (label) => {
    if (!names.has(label)) names.set(label, names.size);
    return names.get(label)!;
  });
}

/** Spectral clustering of an indexed graph; see {@link spectralClustering}. */
export function clusterGraph(graph: LayeredGraph, options: SpectralClusteringOptions): SpectralClusteringResult {
  const { k } = options;
  if (!Number.isInteger(k) || k < 2 || k > graph.nodes) {
    throw new RangeError(`spectralClustering: k must be an integer in [2, ${graph.nodes}] (the node count), got ${k}`);
  }
  const random = createRandom(options.seed ?? 0);
  const [vectors, eigenvalues, eigenResidual] = embedding(graph, k, random, options.denseBelow ?? 300);
  const n = graph.nodes;
  const points = new Float64Array(n * k);
  for (let u = 0; u < n; u++) {
    let norm = 0;
    for (let c = 0; c < k; c++) norm += vectors[c]![u]! ** 2;
    // Row normalisation (Ng, Jordan & Weiss) puts each node on the unit sphere; isolated nodes stay at 0.
    const inverse = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let c = 0; c < k; c++) points[u * k + c] = vectors[c]![u]! * inverse;
  }
  const labels = canonical(kMeans(points, n, k, k, random, options.restarts ?? 10).labels);
  return {
    labels,
    clustersByLayer: graph.layerSizes.map((size, l) => labels.slice(graph.offsets[l]!, graph.offsets[l]! + size)),
    layerSizes: graph.layerSizes,
    nCut: nCutOf(graph, labels),
    eigenvalues,
    eigenResidual,
  };
}

/**
 * Implicit branches after Filan et al. 2020: spectral clustering of the graph whose nodes are the units of
 * consecutive layers and whose edges are the non-negative entries of `matrices` (layer l's units x layer l + 1's,
 * e.g. |W| from `layerPairMatrix`). Embeds nodes by the k smallest eigenvectors of the normalised Laplacian
 * I - D^-1/2 A D^-1/2 (only those are computed), normalises rows and runs seeded k-means++ with restarts.
 * @throws RangeError for k outside [2, nodes] or a malformed matrix stack (see `layeredGraph`).
 */
export function spectralClustering(matrices: readonly Matrix[], options: SpectralClusteringOptions): SpectralClusteringResult {
  return clusterGraph(layeredGraph(matrices), options);
}
